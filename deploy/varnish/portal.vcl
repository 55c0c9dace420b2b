vcl 4.1;
# Front cache of the portal (docs/operations.md, "Front cache").
#
# The application decides what may be cached; this file only enforces it:
# - only GET/HEAD, never the admin, never a request that carries a session or
#   a flash message (logged-in editors and officials, a citizen in a form);
# - a response is stored only when it says `public` or `s-maxage` and sets no
#   cookie; everything else goes to the application every time;
# - one copy per URL (the host is not part of the key: one site per cache,
#   and every absolute link in a page comes from PUBLIC_BASE_URL, not from
#   the Host header), query parameters sorted;
# - PURGE (one URL) and BAN (a regular expression over URLs) from the
#   addresses in `acl purgers` only: the application sends them on publish,
#   unpublish, move, delete and on edits of site-wide snippets.

import std;

# `backend default` (the gunicorn address) and `acl purgers` (who may purge).
# `make stack` writes this file under .services/stack/varnish/; on a real
# server copy deploy/varnish/portal-site.vcl.example next to this file.
include "portal-site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging not allowed from this address"));
        }
        set req.url = std.querysort(req.url);
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Banning not allowed from this address"));
        }
        if (!req.http.X-Ban-Url) {
            return (synth(400, "X-Ban-Url header missing"));
        }
        # Only obj.* in the expression, so the ban lurker can drop the
        # objects in the background; a lookup never serves a banned object.
        ban("obj.http.X-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    set req.url = std.querysort(req.url);
    # Pages carry their language in the URL (/vi/, /en/); the few answers
    # that vary on Accept-Language (the redirect from /, the API) would keep
    # one copy per browser's header. Reduce it to what Django can pick.
    if (req.http.Accept-Language) {
        if (req.http.Accept-Language ~ "(?i)^(?:(?!\bvi\b).)*\ben\b") {
            set req.http.Accept-Language = "en";
        } elsif (req.http.Accept-Language ~ "(?i)\bvi\b") {
            set req.http.Accept-Language = "vi";
        } else {
            unset req.http.Accept-Language;
        }
    }
    # Cookies stay on the request: a page that is not cacheable (a form's
    # first step, say) still sees its CSRF cookie on a miss. Cacheable pages
    # do not read cookies, and the key below does not include them.
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Bans match on this header (see vcl_recv); removed again in vcl_deliver.
    set beresp.http.X-Url = bereq.url;
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
            || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
            || beresp.http.Cache-Control !~ "(s-maxage|public)") {
        # Not stored. Remember that for a while so the next requests for this
        # URL go straight to the application instead of queueing behind one
        # another (hit-for-miss: a later cacheable answer is still stored).
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The application only marks anonymous, cookie-free answers public; a
    # Vary on Cookie would keep one copy per visitor for nothing.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # Serve a stale copy for a short while when the application is slow to
    # answer a refresh, instead of making visitors wait.
    set beresp.grace = 30s;
    return (deliver);
}

sub vcl_backend_error {
    # The application closed the connection without an answer (a gunicorn
    # worker restarting drops what it accepted but had not read): a GET or
    # HEAD changes nothing, so it is asked once more before the visitor sees
    # a 503. A form post is never sent twice.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 1) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.X-Url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
