package org.hotline.ivr.agi;

import java.util.concurrent.CompletionStage;

/**
 * What a call does, chosen by the script name in {@code agi://host/NAME}. The returned stage completes
 * when the script is done with the call; the connection is then closed, which returns the call to the
 * dialplan.
 */
@FunctionalInterface
public interface AgiScript {

    CompletionStage<?> run(AgiCall call);
}
