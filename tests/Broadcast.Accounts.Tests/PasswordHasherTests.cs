using Broadcast.Accounts.Passwords;

namespace Broadcast.Accounts.Tests;

public class PasswordHasherTests
{
    private static readonly AccountPasswordHasher Hasher = new();

    [Fact]
    public void Verify_SamePassword_Ok()
    {
        var hash = Hasher.Hash("correct horse battery");

        Assert.Equal(PasswordCheck.Ok, Hasher.Verify(hash, "correct horse battery"));
    }

    [Theory]
    [InlineData("correct horse batterY")]
    [InlineData("correct horse battery ")]
    [InlineData("")]
    public void Verify_OtherPassword_Wrong(string attempt)
    {
        var hash = Hasher.Hash("correct horse battery");

        Assert.Equal(PasswordCheck.Wrong, Hasher.Verify(hash, attempt));
    }

    [Fact]
    public void Hash_IsIdentityV3Format_WithSaltAndNoPasswordInside()
    {
        var hash = Hasher.Hash("Mật khẩu Y Tý 2026");
        var bytes = Convert.FromBase64String(hash);

        // V3 layout: 0x01 marker, PRF (2 = HMAC-SHA512), iteration count, salt length (16), salt, subkey (32 bytes).
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, ReadUInt32(bytes, 1));
        Assert.True(ReadUInt32(bytes, 5) >= 100_000, $"iterations {ReadUInt32(bytes, 5)}");
        Assert.Equal(16u, ReadUInt32(bytes, 9));
        Assert.Equal(13 + 16 + 32, bytes.Length);
        Assert.NotEqual(hash, Hasher.Hash("Mật khẩu Y Tý 2026"));
        Assert.Equal(PasswordCheck.Ok, Hasher.Verify(hash, "Mật khẩu Y Tý 2026"));
    }

    [Fact]
    public void OneTimePasswords_AreLongAndDistinct()
    {
        var a = OneTimePasswords.New();
        var b = OneTimePasswords.New();

        Assert.Matches("^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$", a);
        Assert.NotEqual(a, b);
        Assert.DoesNotContain('0', a);
        Assert.DoesNotContain('l', a);
    }

    [Theory]
    [InlineData("short", "admin", "at least 10")]
    [InlineData("Admin12345", "admin12345", "user name")]
    [InlineData(null, "admin", "at least 10")]
    public void PasswordPolicy_Refuses(string? password, string user, string expected)
    {
        var problem = PasswordPolicy.Problem(password, user, 10);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void PasswordPolicy_AcceptsTenCharacters() => Assert.Null(PasswordPolicy.Problem("0123456789", "admin", 10));

    private static uint ReadUInt32(byte[] b, int offset) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(offset));
}
