namespace AgentSpines.Core; public static class SoftwareVersion { public const string Value = "0.1.0"; }
