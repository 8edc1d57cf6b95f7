using System.Net;

namespace Mamori.Bench;

/// <summary>
/// One cookie jar per worker, as each worker stands for one browser: it starts with the sign-in's cookies and keeps
/// whatever the server sets later. The server renews the sign-in cookie after each security-stamp check (at most
/// once a minute); a client that kept sending the first cookie would make every request repeat that check, which no
/// browser does.
/// </summary>
public sealed class Browsers
{
    private readonly Uri _address;
    private readonly CookieContainer[] _jars;

    public Browsers(Uri address, string signInCookies, int count)
    {
        _address = address;
        _jars = Enumerable.Range(0, count).Select(_ =>
        {
            var jar = new CookieContainer();
            foreach (var pair in signInCookies.Split("; ", StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                jar.Add(address, new Cookie(pair[..eq], pair[(eq + 1)..]));
            }
            return jar;
        }).ToArray();
    }

    /// <summary>A page as this worker's browser asks for it.</summary>
    public HttpRequestMessage Get(int worker, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", _jars[worker].GetCookieHeader(_address));
        return request;
    }

    /// <summary>Keeps the cookies a response sets, as the browser would.</summary>
    public void Keep(int worker, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                _jars[worker].SetCookies(_address, value);
            }
        }
    }
}
