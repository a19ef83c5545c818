using RabbitMQ.Client;

namespace AgentSpines.Cluster.Messaging;

/// <summary>Opens and closes broker connections; retries and backoff are the caller's (<see cref="Backoff"/>).</summary>
public static class BrokerConnector
{
    /// <summary>One connection attempt; failures throw the client's exceptions (see <see cref="Backoff.IsBrokerFailure"/>).</summary>
    public static Task<IConnection> OpenAsync(BrokerSettings broker, string clientName, CancellationToken ct)
        => broker.CreateFactory(clientName).CreateConnectionAsync(clientName, ct);

    public static async Task CloseQuietlyAsync(IConnection conn)
    {
        try { await conn.CloseAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { /* already gone */ }
        try { conn.Dispose(); } catch (Exception) { /* already gone */ }
    }
}
