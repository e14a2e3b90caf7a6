using System.Net;
using Broadcast.Protocol.Identity;

namespace Broadcast.Protocol.Tests;

public sealed class IpBindingTests
{
    [Theory]
    [InlineData("10.1.4.0/24", "10.1.4.0", true)]
    [InlineData("10.1.4.0/24", "10.1.4.255", true)]
    [InlineData("10.1.4.0/24", "10.1.5.0", false)]
    [InlineData("10.20.3.15", "10.20.3.15", true)]
    [InlineData("10.20.3.15/32", "10.20.3.16", false)]
    [InlineData("100.64.0.0/10", "100.127.255.255", true)]
    [InlineData("100.64.0.0/10", "100.128.0.0", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("10.1.4.0/24", "::ffff:10.1.4.9", true)]
    [InlineData("10.1.4.0/24", "2001:db8::1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("127.0.0.0/8", "127.3.2.1", true)]
    public void Contains_Address_AsExpected(string binding, string address, bool expected) =>
        Assert.Equal(expected, IpBinding.Parse(binding).Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.1.4.1/24")]
    [InlineData("10.1.4.0/33")]
    [InlineData("10.1.4.0/")]
    [InlineData("10.1.4.0/-1")]
    [InlineData("10.1.4.0/ 24")]
    [InlineData("2001:db8::/129")]
    [InlineData("fe80::1%2")]
    [InlineData("banana")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Invalid_False(string? text) => Assert.False(IpBinding.TryParse(text, out _));

    [Theory]
    [InlineData("10.20.3.15", "10.20.3.15/32")]
    [InlineData("10.1.4.0/24", "10.1.4.0/24")]
    [InlineData("2001:DB8::/48", "2001:db8::/48")]
    public void ToString_Canonical(string text, string expected) => Assert.Equal(expected, IpBinding.Parse(text).ToString());
}
