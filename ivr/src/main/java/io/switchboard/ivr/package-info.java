/** IVR flows, run through the ports they are given. Built in the IVR issue. */
package io.switchboard.ivr;
