# Varnish in front of the ICRtoP site (Varnish 6/7, VCL 4.1).
#
# - Anonymous GET/HEAD of public pages are cached for the s-maxage the site sends (Varnish's
#   built-in rules honour Cache-Control: private, no-store, no-cache and Set-Cookie: never stored).
# - A signed-in editor (session cookie), the admin, and anything but GET/HEAD always go to the site.
# - A PURGE from the site (wagtail.contrib.frontend_cache, FRONTEND_CACHE_VARNISH_URL) bans every
#   stored object: a change can show on any page (navigation, footer, listings, every language).
# - Run varnishd with "-p http_gzip_support=off" so that brotli passes through: the site compresses
#   (brotli or gzip) and says "Vary: Accept-Encoding"; Accept-Encoding is normalised below.
# - Caddy (deploy/caddy/Caddyfile) stands in front: TLS, and whole headers within its time limits.
#   Varnish reads a request's whole body before gunicorn sees it (std.cache_req_body), so a client
#   that sends its body slowly never holds a gunicorn worker. Varnish appends the address it saw
#   (Caddy's) to X-Forwarded-For; the site reads the visitor's from there (TRUSTED_PROXIES).
vcl 4.1;

import std;

backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app servers. Adjust to the addresses of your web containers.
acl purgers {
    "127.0.0.1";
    "::1";
    "web";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        if (req.http.Content-Length || req.http.Transfer-Encoding) {
            # 25 MB: the largest upload the admin takes (20 MB documents) and its form.
            if (!std.cache_req_body(25MB)) {
                return (synth(413, "Request body too large"));
            }
        }
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/" || req.http.Authorization) {
        return (pass);
    }
    # Signed-in editors (and visitors who passed a page password) get fresh, personal pages.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages do not depend on cookies (the site sets none on them).
    unset req.http.Cookie;
    if (req.http.Accept-Encoding) {
        if (req.http.Accept-Encoding ~ "br") {
            set req.http.Accept-Encoding = "br";
        } elsif (req.http.Accept-Encoding ~ "gzip") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
    }
    return (hash);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
