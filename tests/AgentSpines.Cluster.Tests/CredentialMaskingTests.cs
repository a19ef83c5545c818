using AgentSpines.Cluster.Messaging;
using AgentSpines.Core.Configuration;

namespace AgentSpines.Cluster.Tests;

public sealed class CredentialMaskingTests
{
    [Theory]
    [InlineData("amqp://user:s3cret@host:5672/vh", "amqp://user:***@host:5672/vh")]
    [InlineData("amqps://u:p%40ss@h/", "amqps://u:***@h/")]
    [InlineData("amqp://host/", "amqp://host/")]
    [InlineData("amqp://user@host/", "amqp://user@host/")]
    public void Mask_hides_the_password_only(string uri, string masked) => Assert.Equal(masked, BrokerSettings.Mask(uri));

    [Fact]
    public void Redact_removes_raw_and_escaped_passwords_from_any_text()
    {
        var b = BrokerSettings.Resolve("amqp://u:p%40ss@h:1/", env: _ => null);
        Assert.Equal("amqp://u:***@h:1/", b.Masked);
        string text = b.Redact("failed amqp://u:p%40ss@h:1/ with p@ss and p%40ss");
        Assert.DoesNotContain("p@ss", text);
        Assert.DoesNotContain("p%40ss", text);
    }

    [Fact]
    public void Resolution_order_is_flag_then_environment_then_sweep_then_loopback_default()
    {
        Func<string, string?> env = n => n == BrokerSettings.EnvironmentVariable ? "amqp://e:e@envhost/" : null;
        Assert.Equal("--broker", BrokerSettings.Resolve("amqp://f:f@flag/", "amqp://s:s@sweep/", env).Source);
        Assert.Equal("envhost", BrokerSettings.Resolve(null, "amqp://s:s@sweep/", env).Uri.Host);
        Assert.Equal("sweep", BrokerSettings.Resolve(null, "amqp://s:s@sweep/", _ => null).Uri.Host);
        var d = BrokerSettings.Resolve(null, null, _ => null);
        Assert.Equal(BrokerSettings.DefaultUri, d.Uri.OriginalString);
        Assert.Equal("127.0.0.1", d.Uri.Host);
    }

    [Fact]
    public void A_malformed_uri_is_an_input_error_that_does_not_leak_the_password()
    {
        var e = Assert.Throws<ConfigException>(() => BrokerSettings.Resolve("http://u:topsecret@h/", env: _ => null));
        Assert.DoesNotContain("topsecret", e.Message);
        Assert.Contains("amqp://", e.Message);
    }

    [Fact]
    public void Amqps_turns_tls_on_with_the_host_as_server_name()
    {
        var f = BrokerSettings.Resolve("amqps://u:p@broker.example.org:5671/", env: _ => null).CreateFactory("t", _ => null);
        Assert.True(f.Ssl.Enabled);
        Assert.Equal("broker.example.org", f.Ssl.ServerName);
        Assert.False(f.AutomaticRecoveryEnabled);
    }
}
