package io.v100.shell.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the services shell's jar: {@code scripts/v100 serve} and {@code scripts/v100 token}.
 */
@Command(
    name = "v100",
    mixinStandardHelpOptions = true,
    description = "V100 services shell: the HTTP gateway in front of the broadcast core.",
    subcommands = { ServeCommand.class, TokenCommand.class, CommandLine.HelpCommand.class })
public final class ShellMain implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line, for tests to run commands in-process.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new ShellMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
