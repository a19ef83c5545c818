namespace AgentSpines.Actors.TestKit;

/// <summary>A failed expectation of the test kit; test frameworks report it as a failed test.</summary>
public sealed class TestKitAssertionException(string message) : Exception(message);
