package io.github.hmmrnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns bad input into one-line messages and a non-zero exit status instead of stack traces.
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof UncheckedIOException || ex instanceof IOException) {
            cmd.getErr().println("hmmrnn " + cmd.getCommandName() + ": " + ex.getMessage());
            return 2;
        }
        throw new RuntimeException(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("hmmrnn " + cmd.getCommandName() + ": " + ex.getMessage());
        cmd.getErr().println("Try 'hmmrnn " + cmd.getCommandName() + " --help'.");
        return 2;
    }
}
