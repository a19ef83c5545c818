using RabbitMQ.Client;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// Queue names and declarations. All durable: <c>&lt;prefix&gt;.jobs</c> (shared by all workers; the coordinator
/// publishes to it through the default exchange), one <c>&lt;prefix&gt;.results.&lt;sweep id&gt;</c> per sweep, bound
/// to the direct exchange <c>&lt;prefix&gt;.results</c> through which workers publish results (so a worker needs no
/// write permission on the default exchange, and cannot publish jobs). Rejected jobs and results go through the
/// <c>&lt;prefix&gt;.dlx</c> exchange to <c>&lt;prefix&gt;.jobs.dead</c> (the x-death header names the queue).
/// </summary>
public sealed class Topology(string prefix)
{
    public const string DefaultPrefix = "agentspines";

    public string Prefix { get; } = Validate(prefix);
    public string Jobs => Prefix + ".jobs";
    public string DeadLetters => Prefix + ".jobs.dead";
    public string DeadLetterExchange => Prefix + ".dlx";
    public string ResultsExchange => Prefix + ".results";
    public string Results(string sweepId) => $"{Prefix}.results.{sweepId}";

    // RabbitMQ also wants, to declare a queue with a dead-letter exchange, read on the queue and write on that exchange.
    /// <summary>
    /// Least-privilege RabbitMQ permissions (configure, write, read regular expressions for `rabbitmqctl
    /// set_permissions`) of the coordinator: declares everything, publishes jobs through the default exchange,
    /// consumes and deletes its results queues.
    /// </summary>
    public (string Configure, string Write, string Read) CoordinatorPermissions()
    {
        string p = System.Text.RegularExpressions.Regex.Escape(Prefix);
        return ($"^{p}\\.(jobs|jobs\\.dead|dlx|results|results\\..*)$", $"^(amq\\.default|{p}\\.(dlx|jobs\\.dead|results\\..*))$", $"^{p}\\.(jobs|dlx|results|results\\..*)$");
    }

    /// <summary>
    /// Least-privilege permissions of a worker: declares the jobs queue and its dead-letter route, consumes jobs,
    /// publishes results only through the results exchange; no write on the default exchange, so it cannot publish jobs.
    /// </summary>
    public (string Configure, string Write, string Read) WorkerPermissions()
    {
        string p = System.Text.RegularExpressions.Regex.Escape(Prefix);
        return ($"^{p}\\.(jobs|jobs\\.dead|dlx)$", $"^{p}\\.(dlx|jobs\\.dead|results)$", $"^{p}\\.(jobs|dlx)$");
    }

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

    public async Task DeclareResultsAsync(IChannel ch, string sweepId, CancellationToken ct)
    {
        await ch.ExchangeDeclareAsync(ResultsExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct);
        await ch.QueueDeclareAsync(Results(sweepId), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = DeadLetterExchange }, cancellationToken: ct);
        await ch.QueueBindAsync(Results(sweepId), ResultsExchange, Results(sweepId), cancellationToken: ct);
    }
}
