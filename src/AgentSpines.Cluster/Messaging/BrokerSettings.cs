using System.Security.Cryptography.X509Certificates;
using AgentSpines.Core.Configuration;
using RabbitMQ.Client;

namespace AgentSpines.Cluster.Messaging;

/// <summary>
/// Where the broker is and how to log in. The URI comes from --broker, else AGENTSPINES_BROKER_URI, else the sweep
/// file's "Broker", else the loopback default. Its password is never printed: every message shows <see cref="Masked"/>
/// and passes through <see cref="Redact"/>. amqps:// turns TLS on (server certificate checked against the system
/// trust store and the host name); AGENTSPINES_BROKER_TLS_CERT (+ _PASSWORD) adds a PKCS#12 client certificate.
/// </summary>
public sealed class BrokerSettings
{
    public const string EnvironmentVariable = "AGENTSPINES_BROKER_URI";
    public const string ClientCertVariable = "AGENTSPINES_BROKER_TLS_CERT";
    public const string ClientCertPasswordVariable = "AGENTSPINES_BROKER_TLS_CERT_PASSWORD";
    public const string DefaultUri = "amqp://guest:guest@127.0.0.1:5672/";

    private readonly string _password;

    private BrokerSettings(Uri uri, string source)
    {
        Uri = uri;
        Source = source;
        string userInfo = Uri.UnescapeDataString(uri.UserInfo);
        int colon = userInfo.IndexOf(':');
        _password = colon >= 0 ? userInfo[(colon + 1)..] : "";
        Masked = Mask(uri.OriginalString);
    }

    public Uri Uri { get; }
    /// <summary>Where the URI came from: --broker, environment, sweep file or default.</summary>
    public string Source { get; }
    /// <summary>The URI with its password replaced by ***.</summary>
    public string Masked { get; }

    public static BrokerSettings Resolve(string? commandLine, string? sweepFile = null, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var (text, source) = commandLine != null ? (commandLine, "--broker")
            : env(EnvironmentVariable) is { Length: > 0 } e ? (e, EnvironmentVariable)
            : sweepFile != null ? (sweepFile, "sweep file")
            : (DefaultUri, "default");
        return new BrokerSettings(Validate(text, source), source);
    }

    /// <summary>Checks an amqp(s) URI; the error shows it masked.</summary>
    public static Uri Validate(string text, string where)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
            throw new ConfigException("broker", $"{where}: broker URI '{Mask(text)}' is not allowed: use amqp://user:password@host:port/vhost or amqps://...");
        return uri;
    }

    /// <summary>Replaces the password of an amqp URI (anything between "user:" and "@") by ***.</summary>
    public static string Mask(string uri)
    {
        int scheme = uri.IndexOf("://", StringComparison.Ordinal);
        int start = scheme >= 0 ? scheme + 3 : 0;
        int at = uri.LastIndexOf('@');
        if (at < start) return uri;
        int colon = uri.IndexOf(':', start);
        return colon >= 0 && colon < at ? uri[..(colon + 1)] + "***" + uri[at..] : uri;
    }

    /// <summary>Removes the password (raw and URI-escaped) from any text before it is shown.</summary>
    public string Redact(string text)
    {
        if (_password.Length == 0) return text;
        text = text.Replace(Uri.OriginalString, Masked, StringComparison.Ordinal);
        text = text.Replace(_password, "***", StringComparison.Ordinal);
        string escaped = Uri.EscapeDataString(_password);
        return escaped == _password ? text : text.Replace(escaped, "***", StringComparison.Ordinal);
    }

    public ConnectionFactory CreateFactory(string clientName, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var f = new ConnectionFactory
        {
            Uri = Uri,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = false, // our own loops reconnect and re-declare, with backoff
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            MaxInboundMessageBodySize = (uint)ResultMessage.MaxBodyBytes,
        };
        if (Uri.Scheme == "amqps" && env(ClientCertVariable) is { Length: > 0 } cert)
        {
            f.Ssl.Certs = [X509CertificateLoader.LoadPkcs12FromFile(cert, env(ClientCertPasswordVariable))];
            f.Ssl.CertPath = cert;
        }
        return f;
    }
}
