using Newtonsoft.Json.Linq;

namespace BackCare.Dialogs.Tests;

public class StateValuesTests
{
    [Theory]
    [InlineData(2L)]
    [InlineData(2)]
    [InlineData("Complete")]
    [InlineData("complete")]
    [InlineData("2")]
    public void An_enum_reads_back_from_its_number_or_its_name(object stored)
    {
        Assert.Equal(DialogTurnStatus.Complete, StateValues.As<DialogTurnStatus>(stored));
        Assert.Equal(DialogTurnStatus.Complete, StateValues.As<DialogTurnStatus?>(stored));
    }

    [Theory]
    [InlineData("\"Complete\"")]
    [InlineData("2")]
    public void An_enum_reads_back_from_a_json_token_holding_its_number_or_its_name(string json)
    {
        Assert.Equal(DialogTurnStatus.Complete, StateValues.As<DialogTurnStatus>(JToken.Parse(json)));
    }
}
