package org.hotline.ivr.seat;

/**
 * What the console is built on: the accounts, the queue's and the orders' state, the knowledge base and the flows'
 * menu labels, the callback scheduling, behind this package's interfaces.
 */
public record ConsoleParts(AccountFile seats, AccountFile supervisors, SeatStates states, AssignedCalls calls,
                           OrderEditing orders, OrderCatalogue catalogue, WallboardSource wallboard,
                           KnowledgeLookup knowledge, MenuLabels menus, CallbackScheduling callbacks) {

    public ConsoleParts {
        menus = menus == null ? MenuLabels.NONE : menus;
        callbacks = callbacks == null ? CallbackScheduling.NONE : callbacks;
    }
}
