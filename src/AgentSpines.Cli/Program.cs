using AgentSpines.Cli;
using AgentSpines.Cli.Commands;

// Entry point: dispatches to one command class per sub-command. Each command returns its exit code;
// user errors (UsageException and the domain's validation exceptions) print one line and give exit code 2.
return CommandDispatcher.Run(args);
