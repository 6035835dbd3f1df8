/**
 * The {@code ./hmmrnn} command line: one picocli command per subcommand ({@code synthetic},
 * {@code fit}, {@code compare}, {@code simulate}, {@code data}, {@code generate}, {@code bench},
 * {@code emulate}, {@code rl}, {@code jshell}) and the option groups they share.
 */
package io.github.hmmrnn.cli;
