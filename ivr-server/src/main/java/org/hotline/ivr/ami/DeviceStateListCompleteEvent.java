package org.hotline.ivr.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/** Ends the answer to {@code DeviceStateList} (asterisk-java 3.41 has no class for it). */
@AsteriskMapping("DeviceStateListComplete")
public final class DeviceStateListCompleteEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;
    private Integer listItems;
    private String eventList;

    public DeviceStateListCompleteEvent(Object source) {
        super(source);
    }

    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }

    public String getEventList() {
        return eventList;
    }

    public void setEventList(String eventList) {
        this.eventList = eventList;
    }
}
