using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace AgentSpines.Cluster.Messaging;

/// <summary>A delivered message copied out of the client's buffers (they are only valid inside the callback).</summary>
public sealed record Delivery(ulong Tag, bool Redelivered, IDictionary<string, object?>? Headers, byte[] Body);

/// <summary>Consumes a queue into a channel of <see cref="Delivery"/>; the channel completes when the connection or channel shuts down.</summary>
public static class DeliveryPump
{
    public static async Task<ChannelReader<Delivery>> StartAsync(IConnection conn, IChannel ch, string queue, CancellationToken ct)
    {
        var pipe = System.Threading.Channels.Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(ch);
        consumer.ReceivedAsync += (_, ea) =>
        {
            var headers = ea.BasicProperties.Headers is { } h ? new Dictionary<string, object?>(h) : null;
            pipe.Writer.TryWrite(new Delivery(ea.DeliveryTag, ea.Redelivered, headers, ea.Body.ToArray()));
            return Task.CompletedTask;
        };
        conn.ConnectionShutdownAsync += (_, _) => { pipe.Writer.TryComplete(); return Task.CompletedTask; };
        ch.ChannelShutdownAsync += (_, _) => { pipe.Writer.TryComplete(); return Task.CompletedTask; };
        consumer.UnregisteredAsync += (_, _) => { pipe.Writer.TryComplete(); return Task.CompletedTask; };
        await ch.BasicConsumeAsync(queue, autoAck: false, consumer, ct);
        return pipe.Reader;
    }
}
