using AgentSafety.OpenFga;
using AgentSafety.OpenFga.Client;
using AgentSafety.OpenFga.Dsl;
using AgentSafety.OpenFga.Model;
using AgentSafety.OpenFga.Tuples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentSafety;

/// <summary>Registers OpenFGA relationship checkers with the guard.</summary>
public static class OpenFgaAgentSafetyBuilderExtensions
{
    /// <summary>
    /// Answers relationship checks in process from an OpenFGA DSL model file and a YAML tuple file. The files are
    /// read now, so a bad file fails at start-up rather than on the first tool call.
    /// </summary>
    /// <exception cref="FgaModelSyntaxException">The model is not well-formed.</exception>
    /// <exception cref="FgaException">The model is invalid or a tuple does not fit it.</exception>
    public static AgentSafetyBuilder AddEmbeddedFga(this AgentSafetyBuilder builder, string modelPath,
        string tuplesPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var model = ModelFile.Load(modelPath);
        var tuples = TupleFile.Load(tuplesPath);
        return builder.AddEmbeddedFga(model, tuples);
    }

    /// <summary>Answers relationship checks in process from an already loaded model and tuples.</summary>
    /// <exception cref="FgaException">A tuple does not fit the model.</exception>
    public static AgentSafetyBuilder AddEmbeddedFga(this AgentSafetyBuilder builder, AuthorizationModel model,
        IEnumerable<RelationshipTuple> tuples, EmbeddedFgaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseRelationshipChecker(new EmbeddedFgaEvaluator(model, tuples, options));
    }

    /// <summary>
    /// Answers relationship checks in process from an OpenFGA CLI store file (<c>store.fga.yaml</c>), using its
    /// model and tuples. Its tests are not run here; see <see cref="StoreFile.RunTests"/>.
    /// </summary>
    public static AgentSafetyBuilder AddEmbeddedFgaStore(this AgentSafetyBuilder builder, string storeFilePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseRelationshipChecker(StoreFile.Load(storeFilePath).CreateEvaluator());
    }

    /// <summary>The name of the <see cref="HttpClient"/> the OpenFGA client uses.</summary>
    public const string HttpClientName = "AgentSafety.OpenFga";

    /// <summary>
    /// Answers relationship checks with an OpenFGA server through <see cref="OpenFgaClient"/>, which is also
    /// registered on its own for writes, reads and model management. The options are checked now.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are incomplete, or the client is already added.
    /// </exception>
    public static AgentSafetyBuilder AddOpenFga(this AgentSafetyBuilder builder,
        Action<OpenFgaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new OpenFgaClientOptions();
        configure(options);
        options.Validate();

        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(OpenFgaClient)))
            throw new InvalidOperationException("AddOpenFga was already called; one host talks to one store.");

        services.TryAddSingleton(TimeProvider.System);
        var http = services.AddHttpClient(HttpClientName)
            .AddHttpMessageHandler(sp => new RetryHandler(options, Logger(sp), sp.GetRequiredService<TimeProvider>()));
        if (options.Credentials is not null)
        {
            services.AddHttpClient(HttpClientName + ".Token")
                .AddHttpMessageHandler(sp => new RetryHandler(options, Logger(sp),
                    sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton(sp => new AccessTokenSource(options.Credentials,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName + ".Token"), Logger(sp),
                sp.GetRequiredService<TimeProvider>()));
            http.AddHttpMessageHandler(sp => new AuthenticationHandler(sp.GetRequiredService<AccessTokenSource>()));
        }

        services.TryAddSingleton(sp => new OpenFgaClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options, Logger(sp),
            ownsHttpClient: false));
        services.Replace(ServiceDescriptor.Singleton<IRelationshipChecker>(
            sp => sp.GetRequiredService<OpenFgaClient>()));
        return builder;
    }

    private static ILogger Logger(IServiceProvider services) =>
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<OpenFgaClient>() ?? NullLogger.Instance;
}
