package org.nervusdb.query;

import org.nervusdb.engine.Utf8;

/**
 * The hash functions of SPARQL (MD5, SHA1, SHA256, SHA384, SHA512) over the UTF-8 bytes of a
 * string, as lower-case hex, written out from their specifications (RFC 1321, FIPS 180-4):
 * java.security is not available to the JavaScript and WebAssembly builds.
 */
final class Digests {
    private Digests() {
    }

    static String hex(String algorithm, String text) {
        byte[] data = Utf8.encodeReplacing(text);
        byte[] d;
        switch (algorithm) {
            case "MD5":
                d = md5(data);
                break;
            case "SHA1":
                d = sha1(data);
                break;
            case "SHA256":
                d = sha256(data);
                break;
            case "SHA384":
                d = sha512(data, SHA384_IV, 48);
                break;
            default:
                d = sha512(data, SHA512_IV, 64);
        }
        StringBuilder sb = new StringBuilder(d.length * 2);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    /** The message padded to a multiple of {@code block} bytes with a length field of {@code lenBytes}. */
    private static byte[] pad(byte[] m, int block, int lenBytes, boolean bigEndian) {
        long bits = (long) m.length * 8;
        int total = ((m.length + 1 + lenBytes + block - 1) / block) * block;
        byte[] p = new byte[total];
        System.arraycopy(m, 0, p, 0, m.length);
        p[m.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            byte b = (byte) (bits >>> (8 * i));
            if (bigEndian) {
                p[total - 1 - i] = b;
            } else {
                p[total - lenBytes + i] = b;
            }
        }
        return p;
    }

    // ------------------------------------------------------------------------------------ MD5

    /** The left rotations of MD5's rounds: four per round, repeated over its 16 steps. */
    private static final int[] MD5_SHIFTS = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
    /** RFC 1321's table: floor(abs(sin(i + 1)) * 2^32). */
    static final int[] MD5_K = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            MD5_K[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    private static byte[] md5(byte[] m) {
        byte[] p = pad(m, 64, 8, false);
        int a0 = 0x67452301;
        int b0 = 0xefcdab89;
        int c0 = 0x98badcfe;
        int d0 = 0x10325476;
        int[] w = new int[16];
        for (int off = 0; off < p.length; off += 64) {
            for (int i = 0; i < 16; i++) {
                int j = off + 4 * i;
                w[i] = (p[j] & 0xff) | (p[j + 1] & 0xff) << 8 | (p[j + 2] & 0xff) << 16 | (p[j + 3] & 0xff) << 24;
            }
            int a = a0;
            int b = b0;
            int c = c0;
            int d = d0;
            for (int i = 0; i < 64; i++) {
                int f;
                int g;
                if (i < 16) {
                    f = (b & c) | (~b & d);
                    g = i;
                } else if (i < 32) {
                    f = (d & b) | (~d & c);
                    g = (5 * i + 1) & 15;
                } else if (i < 48) {
                    f = b ^ c ^ d;
                    g = (3 * i + 5) & 15;
                } else {
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                }
                int t = d;
                d = c;
                c = b;
                b = b + Integer.rotateLeft(a + f + MD5_K[i] + w[g], MD5_SHIFTS[(i >> 4) * 4 + (i & 3)]);
                a = t;
            }
            a0 += a;
            b0 += b;
            c0 += c;
            d0 += d;
        }
        byte[] out = new byte[16];
        int[] h = {a0, b0, c0, d0};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                out[4 * i + k] = (byte) (h[i] >>> (8 * k));
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------------- SHA-1

    private static byte[] sha1(byte[] m) {
        byte[] p = pad(m, 64, 8, true);
        int[] h = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
        int[] w = new int[80];
        for (int off = 0; off < p.length; off += 64) {
            for (int i = 0; i < 16; i++) {
                w[i] = be32(p, off + 4 * i);
            }
            for (int i = 16; i < 80; i++) {
                w[i] = Integer.rotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
            }
            int a = h[0];
            int b = h[1];
            int c = h[2];
            int d = h[3];
            int e = h[4];
            for (int i = 0; i < 80; i++) {
                int f;
                int k;
                if (i < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                } else if (i < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                } else if (i < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                } else {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }
                int t = Integer.rotateLeft(a, 5) + f + e + k + w[i];
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = t;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
        }
        return be32s(h, 5);
    }

    // --------------------------------------------------------------------------------- SHA-256

    private static byte[] sha256(byte[] m) {
        byte[] p = pad(m, 64, 8, true);
        // SHA-256's constants are the high 32 bits of SHA-512's (the same roots of the same primes).
        int[] h = new int[8];
        for (int i = 0; i < 8; i++) {
            h[i] = (int) (SHA512_IV[i] >>> 32);
        }
        int[] w = new int[64];
        for (int off = 0; off < p.length; off += 64) {
            for (int i = 0; i < 16; i++) {
                w[i] = be32(p, off + 4 * i);
            }
            for (int i = 16; i < 64; i++) {
                int s0 = Integer.rotateRight(w[i - 15], 7) ^ Integer.rotateRight(w[i - 15], 18) ^ (w[i - 15] >>> 3);
                int s1 = Integer.rotateRight(w[i - 2], 17) ^ Integer.rotateRight(w[i - 2], 19) ^ (w[i - 2] >>> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            int a = h[0];
            int b = h[1];
            int c = h[2];
            int d = h[3];
            int e = h[4];
            int f = h[5];
            int g = h[6];
            int hh = h[7];
            for (int i = 0; i < 64; i++) {
                int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
                int ch = (e & f) ^ (~e & g);
                int t1 = hh + s1 + ch + (int) (K512[i] >>> 32) + w[i];
                int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
                int maj = (a & b) ^ (a & c) ^ (b & c);
                int t2 = s0 + maj;
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }
        return be32s(h, 8);
    }

    // --------------------------------------------------------------------- SHA-512 and SHA-384

    private static final long[] K512 = {
        0x428a2f98d728ae22L, 0x7137449123ef65cdL, 0xb5c0fbcfec4d3b2fL, 0xe9b5dba58189dbbcL, 0x3956c25bf348b538L,
        0x59f111f1b605d019L, 0x923f82a4af194f9bL, 0xab1c5ed5da6d8118L, 0xd807aa98a3030242L, 0x12835b0145706fbeL,
        0x243185be4ee4b28cL, 0x550c7dc3d5ffb4e2L, 0x72be5d74f27b896fL, 0x80deb1fe3b1696b1L, 0x9bdc06a725c71235L,
        0xc19bf174cf692694L, 0xe49b69c19ef14ad2L, 0xefbe4786384f25e3L, 0x0fc19dc68b8cd5b5L, 0x240ca1cc77ac9c65L,
        0x2de92c6f592b0275L, 0x4a7484aa6ea6e483L, 0x5cb0a9dcbd41fbd4L, 0x76f988da831153b5L, 0x983e5152ee66dfabL,
        0xa831c66d2db43210L, 0xb00327c898fb213fL, 0xbf597fc7beef0ee4L, 0xc6e00bf33da88fc2L, 0xd5a79147930aa725L,
        0x06ca6351e003826fL, 0x142929670a0e6e70L, 0x27b70a8546d22ffcL, 0x2e1b21385c26c926L, 0x4d2c6dfc5ac42aedL,
        0x53380d139d95b3dfL, 0x650a73548baf63deL, 0x766a0abb3c77b2a8L, 0x81c2c92e47edaee6L, 0x92722c851482353bL,
        0xa2bfe8a14cf10364L, 0xa81a664bbc423001L, 0xc24b8b70d0f89791L, 0xc76c51a30654be30L, 0xd192e819d6ef5218L,
        0xd69906245565a910L, 0xf40e35855771202aL, 0x106aa07032bbd1b8L, 0x19a4c116b8d2d0c8L, 0x1e376c085141ab53L,
        0x2748774cdf8eeb99L, 0x34b0bcb5e19b48a8L, 0x391c0cb3c5c95a63L, 0x4ed8aa4ae3418acbL, 0x5b9cca4f7763e373L,
        0x682e6ff3d6b2b8a3L, 0x748f82ee5defb2fcL, 0x78a5636f43172f60L, 0x84c87814a1f0ab72L, 0x8cc702081a6439ecL,
        0x90befffa23631e28L, 0xa4506cebde82bde9L, 0xbef9a3f7b2c67915L, 0xc67178f2e372532bL, 0xca273eceea26619cL,
        0xd186b8c721c0c207L, 0xeada7dd6cde0eb1eL, 0xf57d4f7fee6ed178L, 0x06f067aa72176fbaL, 0x0a637dc5a2c898a6L,
        0x113f9804bef90daeL, 0x1b710b35131c471bL, 0x28db77f523047d84L, 0x32caab7b40c72493L, 0x3c9ebe0a15c9bebcL,
        0x431d67c49c100d4cL, 0x4cc5d4becb3e42b6L, 0x597f299cfc657e2aL, 0x5fcb6fab3ad6faecL, 0x6c44198c4a475817L};
    private static final long[] SHA512_IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L};
    private static final long[] SHA384_IV = {
        0xcbbb9d5dc1059ed8L, 0x629a292a367cd507L, 0x9159015a3070dd17L, 0x152fecd8f70e5939L,
        0x67332667ffc00b31L, 0x8eb44a8768581511L, 0xdb0c2e0d64f98fa7L, 0x47b5481dbefa4fa4L};

    private static byte[] sha512(byte[] m, long[] iv, int outBytes) {
        byte[] p = pad(m, 128, 16, true);
        long[] h = iv.clone();
        long[] w = new long[80];
        for (int off = 0; off < p.length; off += 128) {
            for (int i = 0; i < 16; i++) {
                w[i] = ((long) be32(p, off + 8 * i) << 32) | (be32(p, off + 8 * i + 4) & 0xffffffffL);
            }
            for (int i = 16; i < 80; i++) {
                long s0 = Long.rotateRight(w[i - 15], 1) ^ Long.rotateRight(w[i - 15], 8) ^ (w[i - 15] >>> 7);
                long s1 = Long.rotateRight(w[i - 2], 19) ^ Long.rotateRight(w[i - 2], 61) ^ (w[i - 2] >>> 6);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            long a = h[0];
            long b = h[1];
            long c = h[2];
            long d = h[3];
            long e = h[4];
            long f = h[5];
            long g = h[6];
            long hh = h[7];
            for (int i = 0; i < 80; i++) {
                long s1 = Long.rotateRight(e, 14) ^ Long.rotateRight(e, 18) ^ Long.rotateRight(e, 41);
                long ch = (e & f) ^ (~e & g);
                long t1 = hh + s1 + ch + K512[i] + w[i];
                long s0 = Long.rotateRight(a, 28) ^ Long.rotateRight(a, 34) ^ Long.rotateRight(a, 39);
                long maj = (a & b) ^ (a & c) ^ (b & c);
                long t2 = s0 + maj;
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }
        byte[] out = new byte[outBytes];
        for (int i = 0; i < outBytes; i++) {
            out[i] = (byte) (h[i / 8] >>> (56 - 8 * (i % 8)));
        }
        return out;
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static byte[] be32s(int[] h, int n) {
        byte[] out = new byte[4 * n];
        for (int i = 0; i < n; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }
}
