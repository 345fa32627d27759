namespace AgentSafety.Tests;

public sealed class ToolResultsTests
{
    [Fact]
    public async Task TaskOfValue_GivesTheValue()
    {
        var result = await ToolResults.AwaitAsync(Later("sold 4 OKTA"));

        Assert.Equal("sold 4 OKTA", result);
    }

    [Fact]
    public async Task ValueTaskOfValue_GivesTheValue()
    {
        var result = await ToolResults.AwaitAsync(new ValueTask<int>(Later(6)));

        Assert.Equal(6, result);
    }

    [Fact]
    public async Task TaskWithoutValue_GivesNullAfterItRan()
    {
        var ran = false;

        var result = await ToolResults.AwaitAsync(Task.Run(() => { ran = true; }));

        Assert.True(ran);
        Assert.Null(result);
    }

    [Fact]
    public async Task ValueTaskWithoutValue_GivesNullAfterItRan()
    {
        var ran = false;

        var result = await ToolResults.AwaitAsync(new ValueTask(Task.Run(() => { ran = true; })));

        Assert.True(ran);
        Assert.Null(result);
    }

    [Fact]
    public async Task FailedTool_FailsWithItsOwnException()
    {
        var failed = Task.FromException<string>(new InvalidOperationException("market closed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ToolResults.AwaitAsync(failed).AsTask());

        Assert.Equal("market closed", error.Message);
    }

    private static async Task<T> Later<T>(T value)
    {
        await Task.Yield();
        return value;
    }
}
