using Verify = AgentSafety.Analyzers.Tests.Verifiers.AnalyzerVerifier<
    AgentSafety.Analyzers.Rules.ModelSuppliedIdentityAnalyzer>;

namespace AgentSafety.Analyzers.Tests.Rules;

public sealed class ModelSuppliedIdentityAnalyzerTests
{
    // Orders owned by users, which the query tools below filter by a user id.
    private const string OrderStore = """
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Extensions.AI;

        public sealed record Order(string UserId, string Item);

        public static partial class Tools
        {
            private static readonly List<Order> Orders = [];
        }

        """;

    [Fact]
    public Task UserIdInQueryFilter_Triggers() => Verify.VerifyAsync(OrderStore + """
        public static partial class Tools
        {
            public static string[] ListOrders(string {|#0:userId|}) =>
                Orders.Where(order => order.UserId == userId).Select(order => order.Item).ToArray();

            public static AIFunction Create() => AIFunctionFactory.Create(ListOrders);
        }
        """,
        Verify.Diagnostic("AS1003").WithLocation(0).WithArguments("userId", "a query filter"));

    [Fact]
    public Task LambdaToolInMethodWithoutIdentityParameters_Triggers() => Verify.VerifyAsync(OrderStore + """
        public static partial class Tools
        {
            public static AIFunction Create(int limit) => AIFunctionFactory.Create((string {|#0:userId|}) =>
                Orders.Where(order => order.UserId == userId).Take(limit).Select(order => order.Item).ToArray());
        }
        """,
        Verify.Diagnostic("AS1003").WithLocation(0).WithArguments("userId", "a query filter"));

    [Fact]
    public Task RoleAndIsAdminInConditions_Trigger() => Verify.VerifyAsync("""
        using Microsoft.SemanticKernel;

        public sealed class AdminPlugin
        {
            [KernelFunction]
            public string DeleteUser(string name, string {|#0:role|}, bool {|#1:isAdmin|})
            {
                if (role != "admin" && !isAdmin)
                    return "denied";

                return "deleted " + name;
            }
        }
        """,
        Verify.Diagnostic("AS1003").WithLocation(0).WithArguments("role", "an authorization decision"),
        Verify.Diagnostic("AS1003").WithLocation(1).WithArguments("isAdmin", "an authorization decision"));

    [Fact]
    public Task EmailInSqlAndTenantInRelationshipCheck_Trigger() => Verify.VerifyAsync("""
        using System.Threading.Tasks;
        using AgentSafety;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class AccountTools(IRelationshipChecker checker)
        {
            [McpServerTool]
            public string Find(string {|#0:email|}) => $"SELECT * FROM accounts WHERE email = '{email}'";

            [McpServerTool]
            public async Task<string> Export(string {|#1:tenantId|})
            {
                var check = new RelationshipCheck($"user:{tenantId}", "admin", "tenant:acme");
                var results = await checker.CheckAsync([check]);
                return results[0].Allowed ? "exported" : "denied";
            }
        }
        """,
        Verify.Diagnostic("AS1003").WithLocation(0).WithArguments("email", "a query filter"),
        Verify.Diagnostic("AS1003").WithLocation(1).WithArguments("tenantId", "a relationship check"));

    [Fact]
    public Task IdentityNamesOnlyValidatedOrPassedOn_DoNotTrigger() => Verify.VerifyAsync("""
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            public static string Invite(string email, string role)
            {
                if (string.IsNullOrEmpty(email) || role == null || email.Length > 254)
                    return "invalid";

                return Send(email, role);
            }

            private static string Send(string email, string role) => email + role;

            public static AIFunction Create() => AIFunctionFactory.Create(Invite);
        }
        """);

    [Fact]
    public Task RelationObjectParameter_DoesNotTrigger() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using AgentSafety;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed partial class TenantTools
        {
            private readonly List<string> _tenants = [];

            [McpServerTool]
            [RequiresRelation("member", "tenant", nameof(tenantId))]
            public int Users(string tenantId) => _tenants.Count(tenant => tenant == tenantId);
        }
        """);

    [Fact]
    public Task MethodThatIsNotATool_DoesNotTrigger() => Verify.VerifyAsync("""
        public static class Helpers
        {
            public static bool IsAllowed(string role) => role == "admin" ? true : false;
        }
        """);

    // A helper of the same compilation that decides with the value decides for the tool that hands it over.
    [Fact]
    public Task IdentityDecidedInHelper_TriggersWithTheHelperNamed() => Verify.VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.SemanticKernel;

        public sealed record Order(string UserId, string Item);

        public sealed class OrderStore
        {
            private readonly List<Order> _orders = [];

            public string[] ForUser(string owner) => Pick(owner).Select(order => order.Item).ToArray();

            private IEnumerable<Order> Pick(string who) => _orders.Where(order => order.UserId == who);

            public int Count(string owner) => owner.Length == 0 ? 0 : _orders.Count;
        }

        public static class Policy
        {
            public static bool Allows(string level)
            {
                if (level == "admin")
                    return true;

                return false;
            }
        }

        public sealed class OrderPlugin(OrderStore store)
        {
            [KernelFunction]
            public string[] MyOrders(string {|#0:userId|}) => store.ForUser(userId);

            [KernelFunction]
            public string Refund(string item, string {|#1:role|})
            {
                var allowed = Policy.Allows(role);
                return allowed ? "refunded " + item : "no";
            }

            [KernelFunction]
            public int Total(string userId) => store.Count(userId);
        }
        """,
        Verify.Diagnostic("AS1003").WithLocation(0)
            .WithArguments("userId", "a query filter in 'OrderStore.Pick'"),
        Verify.Diagnostic("AS1003").WithLocation(1)
            .WithArguments("role", "an authorization decision in 'Policy.Allows'"));
}
