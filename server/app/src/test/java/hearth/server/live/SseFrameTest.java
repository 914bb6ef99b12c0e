package hearth.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Server-Sent Events framing: an event's data may span lines, and each must be its own data field. */
class SseFrameTest {

    @Test
    void everyLineOfTheDataGetsItsOwnField() {
        assertEquals("event: post\ndata: <li>\ndata:   <p>Hi</p>\ndata: </li>\n\n",
                SseFrame.event("post", "<li>\n  <p>Hi</p>\r\n</li>"));
        assertEquals("event: badge\ndata: \ndata: x\ndata: \n\n", SseFrame.event("badge", "\nx\r"),
                "empty lines survive, so the data arrives exactly as rendered");
        assertEquals(": ping\n\n", SseFrame.PING);
    }
}
