package org.nervusdb.rdf;

import java.io.IOException;

/**
 * Where a bad Turtle statement ends, for {@link TurtleParser} with an error handler: after an
 * error, the rest of the statement is skipped by scanning from where the error was found, and
 * parsing resumes at the start of the next statement. The bad statement ends:
 * <ol>
 *   <li>just after the first '.' that is not followed by a name character (a '.' inside a name or
 *       a number such as {@code ex:a.b} or {@code 1.5} does not end it);
 *   <li>or at the end of a line when the next line begins, in its first column, with a character
 *       that can begin a statement: anything but white space, '#', a line break, a digit, one of
 *       {@code ; , . ] ) " ' ^ + -}, which only continue one, or malformed UTF-8. So a line of
 *       garbage is one bad statement, and a statement continued on indented lines ends at its
 *       '.'. An error found at the first character of such a line (the statement before it lacks
 *       its '.') skips nothing more.
 * </ol>
 * Strings, IRIs and comments are passed over whole, from the error on if it was found inside one:
 * a '.' or a line in a long string counts for nothing. A short string, an IRI and a comment cannot
 * span lines, so one still open at the end of its line ends there (an unclosed string such as
 * {@code "abc .} ends its statement with its line when the next line starts a statement); an IRI
 * also ends at white space, which it cannot hold.
 *
 * <p>In TriG, braces outside strings, IRIs and comments count too: a '{' opens a block that the
 * bad statement takes whole, through its matching '}' (the bad statement then ends there; while a
 * block is open neither a '.' nor a line ends it). A '}' that closes no such block ends the bad
 * statement: inside a graph it is left to close that graph; outside one it is skipped with the
 * statement.
 */
final class TurtleRecovery {
    /** Where the bad statement is: Turtle, TriG outside a graph, TriG inside a graph. */
    static final int TURTLE = 0;
    static final int TOP = 1;
    static final int IN_BLOCK = 2;

    private TurtleRecovery() {
    }

    /**
     * Skips the rest of a bad statement. {@code open} is the token the error was found in (as
     * {@link Lexer#open}); {@code laterLine} whether the error was found on a later line than the
     * one the statement began on; {@code where} {@link #TURTLE}, {@link #TOP} or {@link #IN_BLOCK}.
     */
    static void skipStatement(CharInput in, int open, boolean laterLine, int where) throws IOException {
        if (open == 0 && laterLine && in.column() == 1 && startsStatement(in.peek(0))) {
            return; // the error was found at the start of the next statement, which is good
        }
        int blocks = 0;
        while (true) {
            if (where != TURTLE && open == 0) {
                int b = in.peek(0);
                if (b == '{') {
                    blocks++;
                } else if (b == '}') {
                    if (blocks == 0 && where == IN_BLOCK) {
                        return; // left to close the graph
                    }
                    if (blocks <= 1) {
                        in.skip();
                        return;
                    }
                    blocks--;
                }
            }
            int c = in.skip();
            if (c == CharInput.EOF) {
                return;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && in.peek(0) == '\n') {
                    in.skip();
                }
                if (open < Lexer.LONG) {
                    // a comment, a short string or an IRI ends with its line
                    open = 0;
                    if (blocks == 0 && startsStatement(in.peek(0))) {
                        return;
                    }
                }
            } else if (open == 0) {
                if (c == '.' && blocks == 0 && !continuesName(in.peek(0))) {
                    return;
                }
                if (c == '"' || c == '\'') {
                    open = c;
                    if (in.peek(0) == c && in.peek(1) == c) {
                        in.skip();
                        in.skip();
                        open = c + Lexer.LONG;
                    }
                } else if (c == '<' || c == '#') {
                    open = c;
                }
            } else if (open == '<') {
                if (c == '>' || c == ' ' || c == '\t') {
                    open = 0;
                }
            } else if (open != '#') {
                int quote = open & (Lexer.LONG - 1);
                if (c == '\\') {
                    int e = in.peek(0);
                    if (e != '\n' && e != '\r') {
                        in.skip();
                    }
                } else if (c == quote && open == quote) {
                    open = 0;
                } else if (c == quote && in.peek(0) == quote && in.peek(1) == quote) {
                    in.skip();
                    in.skip();
                    open = 0;
                }
            }
        }
    }

    /** Whether a line that begins with {@code c} begins a statement rather than continuing one. */
    private static boolean startsStatement(int c) {
        return c >= 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '#'
                && ";,.])\"'^+-".indexOf(c) < 0 && (c < '0' || c > '9');
    }

    /** Whether {@code c} after a '.' makes the dot part of a name or number. */
    private static boolean continuesName(int c) {
        return Lexer.isPnChars(c) || c == ':' || c == '%' || c == '\\';
    }
}
