package org.hotline.ivr.ami;

import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;

/** A subscriber that needs asterisk-java to parse events of its own (our dialplan's UserEvents). */
public interface AmiEventClasses {

    List<Class<? extends ManagerEvent>> eventClasses();
}
