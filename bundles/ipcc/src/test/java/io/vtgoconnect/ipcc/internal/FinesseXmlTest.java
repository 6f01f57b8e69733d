package io.vtgoconnect.ipcc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.AgentState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documents of Cisco Finesse's REST API, in the shapes its developer guide shows, as the client reads them. */
class FinesseXmlTest {
    private static final String FINESSE_USER = """
            <User>
              <dialogs>/finesse/api/User/1234/Dialogs</dialogs>
              <extension>1001001</extension>
              <firstName>Broken</firstName>
              <lastName>Hero</lastName>
              <loginId>1234</loginId>
              <loginName>bhero</loginName>
              <pendingState></pendingState>
              <reasonCodeId>1</reasonCodeId>
              <ReasonCode>
                <category>NOT_READY</category>
                <uri>/finesse/api/ReasonCode/1</uri>
                <code>32762</code>
                <label>Lunch</label>
                <forAll>true</forAll>
              </ReasonCode>
              <roles><role>Agent</role></roles>
              <state>NOT_READY</state>
              <stateChangeTime>2012-03-01T15:59:44.597Z</stateChangeTime>
              <teamId>10</teamId>
              <teamName>Team 10</teamName>
              <uri>/finesse/api/User/1234</uri>
            </User>
            """;

    @Test
    void theStateOfAUser() {
        assertEquals(AgentState.NOT_READY, FinesseXml.state(FINESSE_USER));
        assertEquals(AgentState.TALKING, FinesseXml.state(FINESSE_USER.replace(">NOT_READY</state>", ">TALKING</state>")));
        assertEquals(AgentState.RESERVED, FinesseXml.agentState("RESERVED_OUTBOUND"));
        assertEquals(AgentState.LOGGED_OUT, FinesseXml.agentState("LOGOUT"));
        assertEquals(AgentState.WORK_READY, FinesseXml.agentState("WORK_READY"));
        assertEquals(AgentState.UNKNOWN, FinesseXml.agentState("HOLD_ON_A_MINUTE"));
        assertThrows(IllegalArgumentException.class, () -> FinesseXml.state("<Dialog/>"));
        assertThrows(IllegalArgumentException.class, () -> FinesseXml.state("Service Unavailable"));
    }

    @Test
    void reasonCodesAreNamedByTheirUri() {
        List<FinesseXml.ReasonCode> codes = FinesseXml.reasonCodes("""
                <ReasonCodes>
                  <ReasonCode>
                    <uri>/finesse/api/ReasonCode/1</uri>
                    <category>NOT_READY</category>
                    <code>32762</code>
                    <label>Lunch</label>
                    <forAll>true</forAll>
                  </ReasonCode>
                  <ReasonCode>
                    <uri>/finesse/api/ReasonCode/7</uri>
                    <category>NOT_READY</category>
                    <code>2</code>
                    <label>Break &amp; coffee</label>
                    <forAll>false</forAll>
                  </ReasonCode>
                </ReasonCodes>
                """);
        assertEquals(List.of(new FinesseXml.ReasonCode("1", 32762, "Lunch"), new FinesseXml.ReasonCode("7", 2, "Break & coffee")),
                codes);
    }

    @Test
    void apiErrorsSayWhy() {
        Optional<FinesseXml.ApiError> error = FinesseXml.apiError("""
                <ApiErrors>
                  <ApiError>
                    <ErrorData>reasonCodeId</ErrorData>
                    <ErrorMessage>Invalid reasonCodeId specified</ErrorMessage>
                    <ErrorType>Invalid Input</ErrorType>
                  </ApiError>
                </ApiErrors>
                """);
        assertEquals(Optional.of(new FinesseXml.ApiError("Invalid Input", "reasonCodeId", "Invalid reasonCodeId specified")), error);
        assertTrue(new FinesseXml.ApiError("Parameter Missing", "reasonCodeId", "").isReasonRequired());
        assertEquals(Optional.empty(), FinesseXml.apiError("<html>Bad Gateway</html>"));
        assertEquals(Optional.empty(), FinesseXml.apiError(""));
    }

    @Test
    void theRequestIsAUserDocument() {
        assertEquals("<User><state>LOGIN</state><extension>20&lt;01&amp;</extension></User>",
                FinesseXml.userRequest("LOGIN", "extension", "20<01&"));
        assertEquals("<User><state>NOT_READY</state><reasonCodeId>7</reasonCodeId></User>",
                FinesseXml.userRequest("NOT_READY", "reasonCodeId", "7"));
    }
}
