using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentSafety;

/// <summary>
/// Writes an <see cref="AccessToken"/> as a redacted marker and refuses to read one, because a token must come from
/// the guard and never from JSON the model produced.
/// </summary>
internal sealed class RedactingAccessTokenConverter : JsonConverter<AccessToken>
{
    public override AccessToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("An access token cannot be read from JSON; it is issued by the guard.");

    public override void Write(Utf8JsonWriter writer, AccessToken value, JsonSerializerOptions options) =>
        writer.WriteStringValue("[redacted access token]");
}
