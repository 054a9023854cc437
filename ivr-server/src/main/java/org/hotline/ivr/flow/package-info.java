/**
 * Call flows as data: the YAML flow language ({@link org.hotline.ivr.flow.FlowParser}), its checks
 * ({@link org.hotline.ivr.flow.FlowValidator}, every problem with file, line, column and node id), the
 * versioned set of loaded flows ({@link org.hotline.ivr.flow.FlowLibrary}: a bad reload keeps the previous
 * version, calls finish on the version they started with), and the runner that walks a flow over the async
 * AGI channel ({@link org.hotline.ivr.flow.FlowRunner}) and keeps each call's journey in Redis, and which calls
 * are in the IVR right now ({@link org.hotline.ivr.flow.CallsInIvr}); a dead node's open records are closed as
 * {@code node-lost} ({@link org.hotline.ivr.flow.NodeCalls}). A seat's hold and hand-over of its caller reach the caller's
 * hold loop through {@link org.hotline.ivr.flow.HeldCalls}. What the
 * runner needs from speech, queue and order is behind the narrow interfaces in {@link FlowServices}.
 */
package org.hotline.ivr.flow;
