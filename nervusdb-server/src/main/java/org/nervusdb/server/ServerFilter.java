package org.nervusdb.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nervusdb.server.ServerMetrics.Kind;
import org.nervusdb.server.ServerMetrics.Refusal;

/**
 * Runs before Fuseki on every request: refuses new requests while the server shuts down (503),
 * bodies over the size limit (413), and writes (SPARQL Update, Graph Store PUT/POST/DELETE/PATCH)
 * when updates are off (403) or without the right credential (401 without one, 403 with a wrong
 * one); counts and times the rest for the metrics.
 */
final class ServerFilter implements Filter {
    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final String datasetPath;
    private volatile boolean draining;

    ServerFilter(ServerConfig config, ServerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.datasetPath = "/" + config.name;
    }

    void drain() {
        draining = true;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        metrics.enter();
        try {
            if (draining) {
                metrics.refused(Refusal.SHUTTING_DOWN);
                response.setHeader("Connection", "close");
                response.setHeader("Retry-After", "5");
                refuse(response, 503, "the server is shutting down");
                return;
            }
            long length = request.getContentLengthLong();
            if (length > config.maxBodyBytes) {
                metrics.refused(Refusal.TOO_LARGE);
                response.setHeader("Connection", "close");
                refuse(response, 413, "request body of " + length + " bytes is over the limit of " + config.maxBodyBytes);
                return;
            }
            if (length < 0 && hasBody(request)) {
                // Chunked: read it here, up to the limit, and hand on the bytes read.
                byte[] body = readUpTo(request.getInputStream(), config.maxBodyBytes);
                if (body == null) {
                    metrics.refused(Refusal.TOO_LARGE);
                    response.setHeader("Connection", "close");
                    refuse(response, 413, "request body is over the limit of " + config.maxBodyBytes + " bytes");
                    return;
                }
                request = new BufferedRequest(request, body);
            }
            Kind kind = classify(request);
            if (kind.isWrite()) {
                if (!config.allowUpdates) {
                    metrics.refused(Refusal.READ_ONLY);
                    drain(request);
                    refuse(response, 403, "this server is read-only: updates are off (start it with --allow-updates)");
                    return;
                }
                int auth = authenticate(request);
                if (auth != 0) {
                    metrics.refused(auth == 401 ? Refusal.UNAUTHENTICATED : Refusal.FORBIDDEN);
                    drain(request);
                    if (auth == 401) {
                        challenge(response);
                    }
                    refuse(response, auth, auth == 401 ? "updates need a credential" : "wrong credential");
                    return;
                }
            }
            long t0 = System.nanoTime();
            int status = 500;
            try {
                chain.doFilter(request, response);
                status = response.getStatus();
                if (status >= 400) {
                    // A request refused without its body read (an update sent to the query
                    // endpoint): read the rest, so that the connection is not closed with unread
                    // bytes, which resets it and can lose the response before the client reads it.
                    drain(request);
                }
            } finally {
                if (kind != Kind.OTHER) {
                    metrics.record(kind, status, System.nanoTime() - t0);
                    if (kind == Kind.QUERY && status == 503) {
                        metrics.timedOut();
                    }
                }
            }
        } finally {
            metrics.leave();
        }
    }

    private void challenge(HttpServletResponse response) {
        if (config.token != null) {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"nervusdb\"");
        }
        if (!config.passwords.isEmpty()) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"nervusdb\", charset=\"UTF-8\"");
        }
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        byte[] b = ("Error " + status + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(b.length);
        response.getOutputStream().write(b);
    }

    /** Reads what is left of a refused request's body (under the size limit): the connection stays usable. */
    private static void drain(HttpServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] buf = new byte[16384];
            while (in.read(buf) > 0) {
                // discard
            }
        } catch (IOException | IllegalStateException e) {
            // the body was read as parameters, or the client went away
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        String m = request.getMethod();
        return ("POST".equals(m) || "PUT".equals(m) || "PATCH".equals(m))
                && request.getHeader("Transfer-Encoding") != null;
    }

    /** The bytes of {@code in}, or null if there are more than {@code max}. */
    static byte[] readUpTo(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** 0 when the request carries the right credential, 401 when it carries none, 403 when a wrong one. */
    int authenticate(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        if (h == null || h.isBlank()) {
            return 401;
        }
        h = h.trim();
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        String value = sp < 0 ? "" : h.substring(sp + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer") && config.token != null) {
            return same(value, config.token) ? 0 : 403;
        }
        if (scheme.equalsIgnoreCase("Basic") && !config.passwords.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return 403;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return 403;
            }
            String expected = config.passwords.get(decoded.substring(0, colon));
            // Compare with something even for an unknown user: the time taken tells nothing.
            boolean ok = same(decoded.substring(colon + 1), expected == null ? "\u0000unknown" : expected);
            return ok && expected != null ? 0 : 403;
        }
        return 403;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** What the request asks for; anything that could write counts as a write. */
    Kind classify(HttpServletRequest request) {
        String path = request.getRequestURI();
        String ctx = request.getContextPath();
        if (ctx != null && !ctx.isEmpty() && path.startsWith(ctx)) {
            path = path.substring(ctx.length());
        }
        String service;
        if (path.equals(datasetPath) || path.equals(datasetPath + "/")) {
            service = "";
        } else if (path.startsWith(datasetPath + "/")) {
            service = path.substring(datasetPath.length() + 1);
        } else {
            return Kind.OTHER;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String type = contentType(request);
        switch (method) {
            case "GET":
            case "HEAD":
                if (queryParameter(request, "query") && (service.isEmpty() || service.equals("sparql") || service.equals("query"))) {
                    return Kind.QUERY;
                }
                if (service.equals("update")) {
                    return Kind.OTHER; // Fuseki answers it (405): an update is never a GET
                }
                return Kind.GSP_READ;
            case "OPTIONS":
                return Kind.OTHER;
            case "POST":
                if (service.equals("query") || service.equals("get")) {
                    // Only queries are served there (the read-only Graph Store endpoint refuses a POST).
                    return service.equals("query") ? Kind.QUERY : Kind.GSP_WRITE;
                }
                if (service.equals("update")) {
                    return Kind.UPDATE;
                }
                if (type.equals("application/sparql-query")) {
                    return Kind.QUERY;
                }
                if (type.equals("application/sparql-update")) {
                    return Kind.UPDATE;
                }
                if (type.equals("application/x-www-form-urlencoded")) {
                    if (request.getParameter("update") != null) {
                        return Kind.UPDATE;
                    }
                    return request.getParameter("query") != null ? Kind.QUERY : Kind.GSP_WRITE;
                }
                return Kind.GSP_WRITE;
            default:
                return Kind.GSP_WRITE; // PUT, DELETE, PATCH and anything unknown
        }
    }

    private static String contentType(HttpServletRequest request) {
        String t = request.getContentType();
        if (t == null) {
            return "";
        }
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether the query string names the parameter (read without touching the body). */
    private static boolean queryParameter(HttpServletRequest request, String name) {
        String q = request.getQueryString();
        if (q == null) {
            return false;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A request whose (chunked) body was read by the filter: the bytes read, and its form parameters. */
    static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private Map<String, String[]> params;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String cs = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    cs == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(cs)));
        }

        private Map<String, String[]> params() {
            if (params == null) {
                Map<String, List<String>> m = new LinkedHashMap<>();
                addAll(m, getQueryString());
                if (contentType(this).equals("application/x-www-form-urlencoded")) {
                    addAll(m, new String(body, StandardCharsets.UTF_8));
                }
                Map<String, String[]> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, v.toArray(new String[0])));
                params = out;
            }
            return params;
        }

        private static void addAll(Map<String, List<String>> m, String encoded) {
            if (encoded == null || encoded.isEmpty()) {
                return;
            }
            for (String part : encoded.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }

        @Override
        public String getParameter(String name) {
            String[] v = params().get(name);
            return v == null || v.length == 0 ? null : v[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(params());
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(params().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return params().get(name);
        }
    }
}
