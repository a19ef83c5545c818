namespace AgentSpines.Core.Configuration;

/// <summary>
/// An options class that checks its own values after binding. The binder calls Validate on every bound object,
/// depth first, with a validator whose key prefix is the object's path, so messages name the full key.
/// </summary>
public interface IValidatable
{
    void Validate(ConfigValidator v);
}
