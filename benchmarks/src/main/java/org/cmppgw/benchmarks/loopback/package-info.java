/**
 * The loopback session benchmark: {@link org.cmppgw.benchmarks.loopback.LoopbackServer} (an ISMG answering every
 * SUBMIT with SUBMIT_RESP and a DELIVER status report) and {@link org.cmppgw.benchmarks.loopback.LoopbackClient}
 * (N connections pushing SUBMITs flat out, window 16 each), run in separate JVMs. A message is done when its report
 * arrived: SUBMIT + SUBMIT_RESP + DELIVER + DELIVER_RESP. Both sides report flushes and CPU microseconds per message.
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Xms256m -Xmx256m -Dio.netty.leakDetection.level=disabled -cp benchmarks/target/benchmarks.jar \
 *     org.cmppgw.benchmarks.loopback.LoopbackServer --port 17890 --threads 1
 * java -Xms256m -Xmx256m -Dio.netty.leakDetection.level=disabled -cp benchmarks/target/benchmarks.jar \
 *     org.cmppgw.benchmarks.loopback.LoopbackClient --port 17890 --connections 4 --threads 1 --warmup 15 --duration 20
 * </pre>
 * Hot path: the listeners allocate nothing but the PDUs themselves.
 */
package org.cmppgw.benchmarks.loopback;
