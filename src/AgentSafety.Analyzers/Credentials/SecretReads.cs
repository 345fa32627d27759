using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentSafety.Analyzers.Credentials;

/// <summary>Recognises reads of environment variables and configuration keys with constant names.</summary>
internal static class SecretReads
{
    private const string ConfigurationNamespace = "Microsoft.Extensions.Configuration";

    /// <summary>The environment or configuration read <paramref name="operation"/> is, or unknown.</summary>
    public static ValueOrigin Recognize(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return RecognizeInvocation(invocation);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                when IsConfigurationType(indexer.Property.ContainingType) && indexer.Arguments.Length == 1:
                return Configuration(indexer.Arguments[0].Value, operation);
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: IInvocationOperation section }
                when section.TargetMethod.Name is "GetSection" or "GetRequiredSection" &&
                    IsConfigurationType(section.TargetMethod.ContainingType) &&
                    section.Arguments.Length > 0:
                return Configuration(section.Arguments[section.Arguments.Length - 1].Value, operation);
            default:
                return ValueOrigin.Unknown;
        }
    }

    private static ValueOrigin RecognizeInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "GetEnvironmentVariable" &&
            method.ContainingType is { Name: "Environment", ContainingNamespace.Name: "System" } &&
            invocation.Arguments.Length > 0 &&
            invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string variable })
        {
            return new ValueOrigin(ValueOriginKind.Environment, variable, invocation);
        }

        if (method.Name is "GetValue" or "GetRequiredValue" &&
            method.ContainingNamespace?.ToDisplayString() == ConfigurationNamespace)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "key")
                    return Configuration(argument.Value, invocation);
            }
        }

        return ValueOrigin.Unknown;
    }

    private static ValueOrigin Configuration(IOperation key, IOperation read) =>
        key.ConstantValue is { HasValue: true, Value: string name }
            ? new ValueOrigin(ValueOriginKind.Configuration, name, read)
            : ValueOrigin.Unknown;

    private static bool IsConfigurationType(INamedTypeSymbol? type)
    {
        if (type is null)
            return false;

        if (IsConfigurationInterface(type))
            return true;

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsConfigurationInterface(implemented))
                return true;
        }

        return false;
    }

    private static bool IsConfigurationInterface(INamedTypeSymbol type) =>
        type.Name == "IConfiguration" && type.ContainingNamespace?.ToDisplayString() == ConfigurationNamespace;
}
