/**
 * The HTTP front door: one listener on event loops of its own ({@link org.hotline.ivr.http.HttpServer},
 * {@link org.hotline.ivr.http.HttpInitializer}, {@link org.hotline.ivr.http.HttpRequestHandler}, Netty's codec with
 * line, header and body limits), one {@link org.hotline.ivr.http.Router} where every package registers its routes
 * with the {@link org.hotline.ivr.http.Role} each needs, and the rules applied before any route runs
 * ({@link org.hotline.ivr.http.Dispatcher}: credentials proved first, then the lookup, the role, the Origin and
 * CSRF token of browser sessions; blocking routes on a bounded pool). Credentials are
 * {@link org.hotline.ivr.http.Authenticator}s: the console's session cookies (in {@code seat}), machine clients'
 * {@link org.hotline.ivr.http.ApiTokens}, the scraper's {@link org.hotline.ivr.http.MetricsToken}. WebSocket paths
 * share the port. What the routes mean belongs to their packages; {@code docs/security.md} says how to add one.
 */
package org.hotline.ivr.http;
