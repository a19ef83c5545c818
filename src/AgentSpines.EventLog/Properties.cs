using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("AgentSpines.EventLog.Tests")]
