package org.nervusdb.query;

/**
 * xsd:dateTime values, enough for SPARQL: parsing, comparison, and the YEAR ... TZ functions.
 * A value without a time zone compares as if in UTC (SPARQL leaves such comparisons partly
 * undefined; this is a stable choice).
 */
final class DateTimes {
    private DateTimes() {
    }

    /** Fields: year, month, day, hour, minute, second (with fraction), and the zone. */
    static final class DateTime {
        final long year;
        final int month;
        final int day;
        final int hour;
        final int minute;
        final Decimal second;
        /** Offset in minutes, or Integer.MIN_VALUE when the value has no time zone. */
        final int zone;
        final String zoneText;

        DateTime(long year, int month, int day, int hour, int minute, Decimal second, int zone, String zoneText) {
            this.year = year;
            this.month = month;
            this.day = day;
            this.hour = hour;
            this.minute = minute;
            this.second = second;
            this.zone = zone;
            this.zoneText = zoneText;
        }
    }

    static DateTime parse(String s) {
        try {
            int i = 0;
            boolean neg = s.startsWith("-");
            if (neg) {
                i++;
            }
            int dash = s.indexOf('-', i);
            long year = Long.parseLong(s.substring(i, dash));
            if (dash - i < 4) {
                throw new ExprEval.ExprError("invalid dateTime " + s);
            }
            int month = ExprEval.parseInt(s.substring(dash + 1, dash + 3));
            int day = ExprEval.parseInt(s.substring(dash + 4, dash + 6));
            if (s.charAt(dash + 3) != '-' || s.charAt(dash + 6) != 'T') {
                throw new ExprEval.ExprError("invalid dateTime " + s);
            }
            int t = dash + 7;
            int hour = ExprEval.parseInt(s.substring(t, t + 2));
            int minute = ExprEval.parseInt(s.substring(t + 3, t + 5));
            int end = t + 8;
            // Character.digit(c, 10) >= 0 is Character.isDigit(c), without the Unicode category
            // table that isDigit pulls into the JavaScript and WebAssembly builds.
            while (end < s.length() && (Character.digit(s.charAt(end), 10) >= 0 || s.charAt(end) == '.')) {
                end++;
            }
            Decimal second = Decimal.parse(s.substring(t + 6, end));
            String zoneText = s.substring(end);
            int zone;
            if (zoneText.isEmpty()) {
                zone = Integer.MIN_VALUE;
            } else if (zoneText.equals("Z")) {
                zone = 0;
            } else {
                int sign = zoneText.charAt(0) == '-' ? -1 : 1;
                zone = sign * (ExprEval.parseInt(zoneText.substring(1, 3)) * 60 + ExprEval.parseInt(zoneText.substring(4, 6)));
            }
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second.intValue() > 60) {
                throw new ExprEval.ExprError("invalid dateTime " + s);
            }
            return new DateTime(neg ? -year : year, month, day, hour, minute, second, zone, zoneText);
        } catch (RuntimeException e) {
            if (e instanceof ExprEval.ExprError) {
                throw e;
            }
            throw new ExprEval.ExprError("invalid dateTime " + s);
        }
    }

    /** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
    private static long days(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Seconds since the epoch, in UTC (no zone: read as UTC). */
    static Decimal instant(DateTime t) {
        long minutes = days(t.year, t.month, t.day) * 1440L + t.hour * 60L + t.minute
                - (t.zone == Integer.MIN_VALUE ? 0 : t.zone);
        return Decimal.of(minutes * 60L).add(t.second);
    }

    static int compare(String a, String b) {
        return Integer.signum(instant(parse(a)).compareTo(instant(parse(b))));
    }

    /** The xsd:dateTime of a moment, in UTC. */
    static String format(long epochMillis) {
        long secs = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        long day = Math.floorDiv(secs, 86400L);
        int sod = (int) Math.floorMod(secs, 86400L);
        long z = day + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        StringBuilder sb = new StringBuilder();
        pad(sb, y, 4).append('-');
        pad(sb, m, 2).append('-');
        pad(sb, d, 2).append('T');
        pad(sb, sod / 3600, 2).append(':');
        pad(sb, (sod / 60) % 60, 2).append(':');
        pad(sb, sod % 60, 2).append('.');
        pad(sb, millis, 3).append('Z');
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
