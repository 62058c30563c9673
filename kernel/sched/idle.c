// SPDX-License-Identifier: MIT
/*
 * The idle task: what a CPU runs when no task is runnable. It halts
 * until an interrupt arrives; if the interrupt made a task runnable
 * (wake_up_process() asks for a reschedule when idle is running), the
 * interrupt's return preempts idle at once (entry.asm), so the loop
 * itself only needs to halt. Interrupts are disabled between the test
 * and the hlt, and `sti; hlt` lets none in between (sti takes effect
 * after the next instruction), so a wake-up cannot slip in unseen.
 *
 * Where it differs from Linux: Linux's do_idle() picks an idle state
 * through cpuidle, stops the tick (NO_HZ) and polls need_resched; here
 * idle is hlt, with the tick running.
 */
#include <asm/irqflags.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>

void cpu_idle_loop(void)
{
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			schedule();
			continue;
		}
		__asm__ __volatile__("sti; hlt" ::: "memory");
	}
}
