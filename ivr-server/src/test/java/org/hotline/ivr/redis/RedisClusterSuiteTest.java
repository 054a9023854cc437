package org.hotline.ivr.redis;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The Redis-facing test classes once more, on a real three-master Redis Cluster ({@link ClusterRig}, started
 * once for the suite): orders, queue routing across nodes and its concurrency test, callbacks, surveys, and
 * console sessions shared by whole servers. Every script touches one hash tag, so each runs on the master owning
 * it; a script that did not would fail here with CROSSSLOT.
 */
@Suite
@SelectClasses(names = {
        "org.hotline.ivr.order.DraftOrderWriterTest",
        "org.hotline.ivr.order.OrderStoreTest",
        "org.hotline.ivr.order.ClosedOrderFeedTest",
        "org.hotline.ivr.order.OrderHttpApiTest",
        "org.hotline.ivr.queue.CallDistributorRoutingTest",
        "org.hotline.ivr.queue.CallDistributorNodesTest",
        "org.hotline.ivr.queue.NoDoubleAssignmentTest",
        "org.hotline.ivr.queue.SeatLoginPausedTest",
        "org.hotline.ivr.followup.CallbackRetriesTest",
        "org.hotline.ivr.queue.QueueBenchCommandTest",
        "org.hotline.ivr.followup.survey.SurveyScheduleTest",
        "org.hotline.ivr.seat.SharedSessionsTest"})
@ConfigurationParameter(key = RedisUnderTest.PARAMETER, value = "cluster")
class RedisClusterSuiteTest {
}
