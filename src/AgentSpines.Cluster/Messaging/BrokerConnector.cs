using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AgentSpines.Cluster.Messaging;

/// <summary>Opens a connection with bounded retries and exponential backoff; messages show the URI masked.</summary>
public static class BrokerConnector
{
    public static async Task<IConnection> ConnectAsync(BrokerSettings broker, string clientName, RetryPolicy retry, TextWriter log, CancellationToken ct)
    {
        var factory = broker.CreateFactory(clientName);
        var started = DateTime.UtcNow;
        string reason = "";
        for (int attempt = 1; attempt <= retry.Attempts; attempt++)
        {
            try
            {
                return await factory.CreateConnectionAsync(clientName, ct);
            }
            catch (BrokerUnreachableException e) when (IsAuthFailure(e))
            {
                throw new BrokerUnavailableException($"broker {broker.Masked} refused the login (check user, password and vhost)");
            }
            catch (Exception e) when (e is BrokerUnreachableException or ConnectFailureException or OperationInterruptedException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                reason = broker.Redact(Innermost(e));
                if (attempt == retry.Attempts) break;
                var delay = retry.Delay(attempt - 1);
                log.WriteLine($"broker {broker.Masked} not reachable (attempt {attempt}/{retry.Attempts}: {reason}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, ct);
            }
        }
        throw new BrokerUnavailableException(
            $"broker {broker.Masked} is not reachable after {retry.Attempts} attempts over {(DateTime.UtcNow - started).TotalSeconds:0.0} s ({reason}); is RabbitMQ running, and is --broker or {BrokerSettings.EnvironmentVariable} right?");
    }

    private static bool IsAuthFailure(Exception e)
    {
        for (var x = e; x != null; x = x.InnerException)
            if (x is AuthenticationFailureException || x is PossibleAuthenticationFailureException) return true;
        return false;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message.ReplaceLineEndings(" ");
    }
}
