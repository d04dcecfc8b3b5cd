using MyAccount.Domain.Common;
using MyAccount.Domain.Members;

namespace MyAccount.Tests.Members;

public sealed class ContactDetailsTests
{
    [Theory]
    [InlineData("  Alice@Example.COM ", "alice@example.com")]
    [InlineData("first.last+tag@sub.example.org", "first.last+tag@sub.example.org")]
    public void Emails_are_trimmed_and_lower_cased(string input, string expected) => EmailAddress.Normalize(input).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("alice@localhost")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("a b@example.com")]
    public void Invalid_emails_are_refused_naming_the_field(string input)
    {
        var act = () => EmailAddress.Normalize(input);
        act.Should().Throw<DomainValidationException>().Which.Field.Should().Be("email");
    }

    [Theory]
    [InlineData("+1 (201) 555-0123", "+12015550123", "+1 201-555-0123")]
    [InlineData("201 555 0123", "+12015550123", "+1 201-555-0123")]
    [InlineData("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958")]
    public void Phones_are_stored_in_E164_and_shown_internationally(string input, string e164, string display)
    {
        PhoneNumber.NormalizeOptional(input).Should().Be(e164);
        PhoneNumber.Display(e164).Should().Be(display);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("call me")]
    [InlineData("+1 555")]
    public void Invalid_phones_are_refused(string input)
    {
        var act = () => PhoneNumber.NormalizeOptional(input);
        act.Should().Throw<DomainValidationException>().Which.Field.Should().Be("phone");
    }

    [Fact]
    public void No_phone_is_allowed() => PhoneNumber.NormalizeOptional("   ").Should().BeNull();
}
