namespace AgentSpines.Core.Tests; public class Smoke { [Fact] public void Version() => Assert.Equal("0.1.0", AgentSpines.Core.SoftwareVersion.Value); }
