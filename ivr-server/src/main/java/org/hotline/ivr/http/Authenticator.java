package org.hotline.ivr.http;

import java.util.List;

/**
 * One kind of credential the front door accepts (the console's session cookies, API bearer tokens, the metrics
 * token). The router asks each before it looks a path up, so an unproven request learns nothing of the routes.
 */
public interface Authenticator {

    /** Whether the request carries a credential of this kind at all. No I/O: runs on the event loop. */
    boolean presented(WebRequest request);

    /**
     * The principals the request's credentials prove, none for unknown or expired ones. May read Redis or hash:
     * runs on the route pool.
     */
    List<Principal> principals(WebRequest request);
}
