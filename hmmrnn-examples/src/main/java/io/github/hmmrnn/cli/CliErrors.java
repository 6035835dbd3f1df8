package io.github.hmmrnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one error path of the command line. A user error (bad option, file or value) exits with
 * status {@value #USER_ERROR} and one line saying what, where and what was expected; any other
 * failure exits with {@value #RUNTIME_ERROR} and one line plus the path of a log file holding the
 * stack trace. {@code --debug} prints the stack trace as well. Exception class names never reach
 * normal output.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Exit status of a user error. */
    static final int USER_ERROR = 2;

    /** Exit status of a runtime failure. */
    static final int RUNTIME_ERROR = 1;

    /** The option that shows stack traces. */
    static final String DEBUG = "--debug";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        boolean debug = debug(parseResult);
        String who = cmd.getCommandSpec().qualifiedName();
        if (isUserError(ex)) {
            cmd.getErr().println(who + ": " + message(ex));
            if (debug) {
                ex.printStackTrace(cmd.getErr());
            }
            return USER_ERROR;
        }
        return runtimeFailure(cmd.getErr(), who, ex, debug);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String who = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(who + ": " + ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            cmd.getErr().println("Did you mean: " + String.join(" or ", u.getSuggestions()) + "?");
        }
        cmd.getErr().println("Try '" + who + " --help'.");
        if (Arrays.asList(args).contains(DEBUG)) {
            ex.printStackTrace(cmd.getErr());
        }
        return USER_ERROR;
    }

    /**
     * Reports a failure that is not the user's: one line naming the log file with the details.
     *
     * @param err   where to print
     * @param who   the command, e.g. {@code hmmrnn fit}
     * @param t     the failure
     * @param debug whether to print the stack trace too
     * @return {@link #RUNTIME_ERROR}
     */
    static int runtimeFailure(PrintWriter err, String who, Throwable t, boolean debug) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String where;
        try {
            Path log = Files.createTempFile("hmmrnn-error-", ".log");
            Files.writeString(log, who + "\n" + trace);
            where = "details in " + log;
        } catch (IOException | RuntimeException e) {
            where = "no log file could be written";
        }
        String what = t instanceof OutOfMemoryError
                ? "ran out of memory; lower the sizes or raise the limit (HMMRNN_JAVA_OPTS=-Xmx...)"
                : "internal error: " + message(t);
        err.println(who + ": " + what + " (" + where + (debug ? "" : "; --debug prints the stack trace") + ")");
        if (debug) {
            err.print(trace);
        }
        err.flush();
        return RUNTIME_ERROR;
    }

    /** Bad input: an invalid value, file or state the user can fix. */
    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof UncheckedIOException || ex instanceof IOException;
    }

    /** The message, or a plain description when there is none; never a class name. */
    static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            Throwable c = t.getCause();
            return c != null && c != t ? message(c) : plain(t.getClass().getSimpleName());
        }
        // wrappers such as RuntimeException(cause) carry "java.lang.Foo: text" as their message
        String cleaned = m.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z]\\w*(?:Exception|Error))(?::\\s*)?", "")
                .replaceAll("\\b\\w+(?:Exception|Error)\\b:?\\s*", "").trim();
        return cleaned.isEmpty() ? plain(t.getClass().getSimpleName()) : cleaned;
    }

    /** {@code NullPointerException} → {@code null pointer}. */
    private static String plain(String className) {
        return className.replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
    }

    private static boolean debug(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.originalArgs().contains(DEBUG)) {
                return true;
            }
        }
        return false;
    }
}
