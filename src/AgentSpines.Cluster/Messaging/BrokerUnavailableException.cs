namespace AgentSpines.Cluster.Messaging;

/// <summary>The broker could not be reached (or refused the login) within the bounded retries: exit code 3.</summary>
public sealed class BrokerUnavailableException(string message) : Exception(message);
