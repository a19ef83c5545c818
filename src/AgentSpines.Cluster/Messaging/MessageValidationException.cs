namespace AgentSpines.Cluster.Messaging;

/// <summary>A broker message that fails validation (schema, version, size, checksum or content): it is rejected.</summary>
public sealed class MessageValidationException(string message) : Exception(message);
