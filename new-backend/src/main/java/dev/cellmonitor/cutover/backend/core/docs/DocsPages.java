package dev.cellmonitor.cutover.backend.core.docs;

/**
 * FastAPI's documentation pages ({@code get_swagger_ui_html}, {@code get_swagger_ui_oauth2_redirect_html},
 * {@code get_redoc_html} with their default CDN assets), byte for byte as the legacy serves them.
 */
final class DocsPages {

    static final String OAUTH2_REDIRECT = """

                <!doctype html>
                <html lang="en-US">
                <head>
                    <title>Swagger UI: OAuth2 Redirect</title>
                </head>
                <body>
                <script>
                    'use strict';
                    function run () {
                        var oauth2 = window.opener.swaggerUIRedirectOauth2;
                        var sentState = oauth2.state;
                        var redirectUrl = oauth2.redirectUrl;
                        var isValid, qp, arr;

                        if (/code|token|error/.test(window.location.hash)) {
                            qp = window.location.hash.substring(1).replace('?', '&');
                        } else {
                            qp = location.search.substring(1);
                        }

                        arr = qp.split("&");
                        arr.forEach(function (v,i,_arr) { _arr[i] = '"' + v.replace('=', '":"') + '"';});
                        qp = qp ? JSON.parse('{' + arr.join() + '}',
                                function (key, value) {
                                    return key === "" ? value : decodeURIComponent(value);
                                }
                        ) : {};

                        isValid = qp.state === sentState;

                        if ((
                          oauth2.auth.schema.get("flow") === "accessCode" ||
                          oauth2.auth.schema.get("flow") === "authorizationCode" ||
                          oauth2.auth.schema.get("flow") === "authorization_code"
                        ) && !oauth2.auth.code) {
                            if (!isValid) {
                                oauth2.errCb({
                                    authId: oauth2.auth.name,
                                    source: "auth",
                                    level: "warning",
                                    message: "Authorization may be unsafe, passed state was changed in server. The passed state wasn't returned from auth server."
                                });
                            }

                            if (qp.code) {
                                delete oauth2.state;
                                oauth2.auth.code = qp.code;
                                oauth2.callback({auth: oauth2.auth, redirectUrl: redirectUrl});
                            } else {
                                let oauthErrorMsg;
                                if (qp.error) {
                                    oauthErrorMsg = "["+qp.error+"]: " +
                                        (qp.error_description ? qp.error_description+ ". " : "no accessCode received from the server. ") +
                                        (qp.error_uri ? "More info: "+qp.error_uri : "");
                                }

                                oauth2.errCb({
                                    authId: oauth2.auth.name,
                                    source: "auth",
                                    level: "error",
                                    message: oauthErrorMsg || "[Authorization failed]: no accessCode received from the server."
                                });
                            }
                        } else {
                            oauth2.callback({auth: oauth2.auth, token: qp, isValid: isValid, redirectUrl: redirectUrl});
                        }
                        window.close();
                    }

                    if (document.readyState !== 'loading') {
                        run();
                    } else {
                        document.addEventListener('DOMContentLoaded', function () {
                            run();
                        });
                    }
                </script>
                </body>
                </html>
                   \s\
            """;

    private static final String SWAGGER_UI = """

                <!DOCTYPE html>
                <html>
                <head>
                <link type="text/css" rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
                <link rel="shortcut icon" href="https://fastapi.tiangolo.com/img/favicon.png">
                <title>%1$s - Swagger UI</title>
                </head>
                <body>
                <div id="swagger-ui">
                </div>
                <script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
                <!-- `SwaggerUIBundle` is now available on the page -->
                <script>
                const ui = SwaggerUIBundle({
                    url: '%2$s',
                "dom_id": "#swagger-ui",
            "layout": "BaseLayout",
            "deepLinking": true,
            "showExtensions": true,
            "showCommonExtensions": true,
            oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect',
                presets: [
                    SwaggerUIBundle.presets.apis,
                    SwaggerUIBundle.SwaggerUIStandalonePreset
                    ],
                })
                </script>
                </body>
                </html>
               \s\
            """;

    private static final String REDOC = """

                <!DOCTYPE html>
                <html>
                <head>
                <title>%1$s - ReDoc</title>
                <!-- needed for adaptive design -->
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
               \s
                <link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" rel="stylesheet">
               \s
                <link rel="shortcut icon" href="https://fastapi.tiangolo.com/img/favicon.png">
                <!--
                ReDoc doesn't change outer page styles
                -->
                <style>
                  body {
                    margin: 0;
                    padding: 0;
                  }
                </style>
                </head>
                <body>
                <noscript>
                    ReDoc requires Javascript to function. Please enable it to browse the documentation.
                </noscript>
                <redoc spec-url="%2$s"></redoc>
                <script src="https://cdn.jsdelivr.net/npm/redoc@next/bundles/redoc.standalone.js"> </script>
                </body>
                </html>
               \s\
            """;

    private DocsPages() {
    }

    static String swaggerUi(String title, String openapiUrl) {
        return SWAGGER_UI.formatted(title, openapiUrl);
    }

    static String redoc(String title, String openapiUrl) {
        return REDOC.formatted(title, openapiUrl);
    }
}
