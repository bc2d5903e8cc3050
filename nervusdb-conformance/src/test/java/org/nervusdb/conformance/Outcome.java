package org.nervusdb.conformance;

/** How one test ended. */
final class Outcome {

    enum Status {
        /** The engine gave the expected answer (or accepted/rejected the query as it should). */
        PASS,
        /** The engine answered, wrongly. */
        FAIL,
        /** The engine threw, ran past the timeout, or the harness could not prepare the test. */
        ERROR,
        /** The test exercises something outside the engine's scope; the reason says what. */
        NOT_APPLICABLE,
        /** The W3C working group withdrew the test or did not approve it. */
        UNAPPROVED
    }

    final TestCase test;
    final Status status;
    /** One line; for NOT_APPLICABLE the reason class (e.g. "update", "datasets"). */
    final String reason;
    final long millis;

    Outcome(TestCase test, Status status, String reason, long millis) {
        this.test = test;
        this.status = status;
        this.reason = reason == null ? "" : oneLine(reason);
        this.millis = millis;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() <= 400 ? line : line.substring(0, 400) + "...";
    }
}
