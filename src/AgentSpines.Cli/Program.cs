using AgentSpines.Cli;
using AgentSpines.Cli.Commands;

// Entry point: System.CommandLine parses the arguments (CommandDispatcher) and runs one command class per sub-command.
// user errors (UsageException and the domain's validation exceptions) print one line and give exit code 2.
return CommandDispatcher.Run(args);
