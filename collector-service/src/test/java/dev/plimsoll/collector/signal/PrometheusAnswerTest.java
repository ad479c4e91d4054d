package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An external Prometheus' answers as signal values: missing data is never zero. */
class PrometheusAnswerTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
      # case            | status | body                                                                                                    | value | problem
      one sample        | 200    | {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"7.5"]}]}}          | 7.5   | null
      scalar            | 200    | {"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}                                     | 2     | null
      empty is no data  | 200    | {"status":"success","data":{"resultType":"vector","result":[]}}                                          | null  | no data
      NaN is no data    | 200    | {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}          | null  | not a finite number
      +Inf is no data   | 200    | {"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}}                                  | null  | not a finite number
      several series    | 200    | {"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]},{"value":[1,"2"]}]}}      | null  | 2 series
      error answer      | 400    | {"status":"error","errorType":"bad_data","error":"parse error"}                                         | null  | bad_data: parse error
      matrix            | 200    | {"status":"success","data":{"resultType":"matrix","result":[]}}                                          | null  | matrix result
      not json          | 502    | null                                                                                                    | null  | HTTP 502
      """)
  void readsAnswers(String name, int status, String body, Double value, String problem) throws Exception {
    SignalEvaluator.Result r = PrometheusAnswer.read(status, body == null ? null : new ObjectMapper().readTree(body));
    assertEquals(value, r.value());
    if (problem != null) {
      assertTrue(r.problem().contains(problem), r.problem());
    }
  }
}
