using RabbitMQ.Client;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// Queue names and declarations. All durable: <c>&lt;prefix&gt;.jobs</c> (shared by all workers; rejected messages
/// go through the <c>&lt;prefix&gt;.dlx</c> exchange to <c>&lt;prefix&gt;.jobs.dead</c>) and one
/// <c>&lt;prefix&gt;.results.&lt;sweep id&gt;</c> per sweep. Coordinator and workers declare them identically.
/// </summary>
public sealed class Topology(string prefix)
{
    public const string DefaultPrefix = "agentspines";

    public string Prefix { get; } = Validate(prefix);
    public string Jobs => Prefix + ".jobs";
    public string DeadLetters => Prefix + ".jobs.dead";
    public string DeadLetterExchange => Prefix + ".dlx";
    public string Results(string sweepId) => $"{Prefix}.results.{sweepId}";

    private static string Validate(string prefix)
    {
        if (prefix.Length is 0 or > 100 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new AgentSpines.Core.AgentSpinesInputException($"--queue-prefix '{prefix}' is not allowed: 1-100 characters A-Z a-z 0-9 _ - .");
        return prefix;
    }

    public async Task DeclareJobsAsync(IChannel ch, CancellationToken ct)
    {
        await ch.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await ch.QueueDeclareAsync(DeadLetters, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await ch.QueueBindAsync(DeadLetters, DeadLetterExchange, "", cancellationToken: ct);
        await ch.QueueDeclareAsync(Jobs, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = DeadLetterExchange }, cancellationToken: ct);
    }

    public Task DeclareResultsAsync(IChannel ch, string sweepId, CancellationToken ct)
        => ch.QueueDeclareAsync(Results(sweepId), durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
}
