using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AgentSafety.Analyzers.ToolModel;

/// <summary>
/// What a tool declares about its own authorization: the AgentSafety requirement attributes, an explicit
/// <c>[PublicTool]</c>, its delegated tokens, and ASP.NET <c>[Authorize]</c>/<c>[AllowAnonymous]</c>. Read through
/// <see cref="Read(IMethodSymbol, ToolCompilationContext)"/> for a method and
/// <see cref="Read(INamedTypeSymbol, ToolCompilationContext)"/> for an <c>AIFunction</c> subclass.
/// </summary>
internal sealed class ToolDeclaration
{
    private ToolDeclaration(
        ImmutableArray<PermissionRequirement> permissions,
        ImmutableArray<RelationRequirement> relations,
        ApprovalRequirement? approval,
        PublicToolDeclaration? publicTool,
        AgentToolDeclaration? agentTool,
        ImmutableArray<DelegatedTokenRequirement> delegatedTokens,
        AttributeData? authorize,
        AttributeData? allowAnonymous)
    {
        Permissions = permissions;
        Relations = relations;
        Approval = approval;
        PublicTool = publicTool;
        AgentTool = agentTool;
        DelegatedTokens = delegatedTokens;
        Authorize = authorize;
        AllowAnonymous = allowAnonymous;
    }

    /// <summary>Permissions on the tool first, then those on its containing types.</summary>
    public ImmutableArray<PermissionRequirement> Permissions { get; }

    public ImmutableArray<RelationRequirement> Relations { get; }

    public ApprovalRequirement? Approval { get; }

    /// <summary>The <c>[PublicTool]</c> on the tool, or else on the nearest containing type.</summary>
    public PublicToolDeclaration? PublicTool { get; }

    public AgentToolDeclaration? AgentTool { get; }

    public ImmutableArray<DelegatedTokenRequirement> DelegatedTokens { get; }

    /// <summary>ASP.NET <c>[Authorize]</c> (or a subclass) on the tool or a containing type.</summary>
    public AttributeData? Authorize { get; }

    /// <summary>ASP.NET <c>[AllowAnonymous]</c> (or a subclass) on the tool or a containing type.</summary>
    public AttributeData? AllowAnonymous { get; }

    /// <summary>
    /// True when the method itself carries a requirement the guard enforces (permission, relation or approval);
    /// only these methods get a generated guarded function. Permissions on containing types do not count here.
    /// </summary>
    public bool HasOwnRequirements =>
        Relations.Length > 0 || Approval is not null || Permissions.Any(static p => !p.IsOnContainingType);

    /// <summary>True when any requirement applies, including permissions on containing types.</summary>
    public bool HasRequirements => Permissions.Length > 0 || Relations.Length > 0 || Approval is not null;

    /// <summary>True when the tool says how it is authorized in AgentSafety's terms: a requirement or public.</summary>
    public bool HasAgentSafetyDeclaration => HasRequirements || PublicTool is not null;

    /// <summary>True when ASP.NET authorization metadata applies (honoured by MCP's authorization filters).</summary>
    public bool HasAspNetAuthorization => Authorize is not null || AllowAnonymous is not null;

    /// <summary>
    /// Reads a method, lambda or local function. Attributes on containing types apply only to ordinary methods,
    /// because a lambda or local function is not a member that a type-level declaration could mean.
    /// </summary>
    public static ToolDeclaration Read(IMethodSymbol method, ToolCompilationContext context)
    {
        var reader = new Reader(context);
        reader.AddMember(method.GetAttributes(), isContainingType: false);
        if (method.MethodKind is not (MethodKind.AnonymousFunction or MethodKind.LocalFunction))
        {
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                reader.AddMember(type.GetAttributes(), isContainingType: true);
        }

        foreach (var parameter in method.Parameters)
            reader.AddParameter(parameter);

        return reader.Build();
    }

    /// <summary>
    /// Reads an <c>AIFunction</c> subclass: the attributes on the class, its containing types, and on its
    /// <c>InvokeCoreAsync</c> override (the method that runs the tool).
    /// </summary>
    public static ToolDeclaration Read(INamedTypeSymbol type, ToolCompilationContext context)
    {
        var reader = new Reader(context);
        foreach (var member in type.GetMembers(ToolModel.AgentTool.InvokeCoreMethodName))
        {
            if (member is IMethodSymbol { IsOverride: true } invoke)
                reader.AddMember(invoke.GetAttributes(), isContainingType: false);
        }

        reader.AddMember(type.GetAttributes(), isContainingType: false);
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
            reader.AddMember(container.GetAttributes(), isContainingType: true);

        return reader.Build();
    }

    private sealed class Reader
    {
        private readonly ToolCompilationContext _context;

        // Made on the first requirement of each kind: every tool is read, and most have one kind or none.
        private ImmutableArray<PermissionRequirement>.Builder? _permissions;
        private ImmutableArray<RelationRequirement>.Builder? _relations;
        private ImmutableArray<DelegatedTokenRequirement>.Builder? _tokens;
        private ApprovalRequirement? _approval;
        private PublicToolDeclaration? _publicTool;
        private AgentToolDeclaration? _agentTool;
        private AttributeData? _authorize;
        private AttributeData? _allowAnonymous;

        public Reader(ToolCompilationContext context) => _context = context;

        public void AddMember(ImmutableArray<AttributeData> attributes, bool isContainingType)
        {
            foreach (var attribute in attributes)
            {
                var type = attribute.AttributeClass;
                if (type is null)
                    continue;

                if (ToolCompilationContext.Is(type, _context.RequiresPermissionAttribute))
                    Add(ref _permissions, new PermissionRequirement(attribute, isContainingType));
                else if (ToolCompilationContext.Is(type, _context.PublicToolAttribute))
                    _publicTool ??= new PublicToolDeclaration(attribute);
                else if (ToolCompilationContext.DerivesFrom(type, _context.AuthorizeAttribute))
                    _authorize ??= attribute;
                else if (ToolCompilationContext.DerivesFrom(type, _context.AllowAnonymousAttribute))
                    _allowAnonymous ??= attribute;
                else if (isContainingType)
                    continue;
                else if (ToolCompilationContext.Is(type, _context.RequiresRelationAttribute))
                    Add(ref _relations, new RelationRequirement(attribute));
                else if (ToolCompilationContext.Is(type, _context.RequiresApprovalAttribute))
                    _approval ??= new ApprovalRequirement(attribute);
                else if (ToolCompilationContext.Is(type, _context.AgentToolAttribute))
                    _agentTool ??= new AgentToolDeclaration(attribute);
            }
        }

        public void AddParameter(IParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (ToolCompilationContext.Is(attribute.AttributeClass, _context.DelegatedTokenAttribute))
                    Add(ref _tokens, new DelegatedTokenRequirement(attribute, parameter));
            }
        }

        public ToolDeclaration Build() => new(
            ToImmutable(_permissions),
            ToImmutable(_relations),
            _approval,
            _publicTool,
            _agentTool,
            ToImmutable(_tokens),
            _authorize,
            _allowAnonymous);

        private static void Add<T>(ref ImmutableArray<T>.Builder? builder, T item) =>
            (builder ??= ImmutableArray.CreateBuilder<T>()).Add(item);

        private static ImmutableArray<T> ToImmutable<T>(ImmutableArray<T>.Builder? builder) =>
            builder is null ? ImmutableArray<T>.Empty : builder.ToImmutable();
    }
}
