/* SPDX-License-Identifier: MIT */
/*
 * probe: ipc_sysv
 * class: other processes
 * tries: reach the host's System V IPC objects: the harness's listener
 *   holds a message queue under a random key on the host; msgget(key)
 *   and read its message without removing it (MSG_COPY needs
 *   CONFIG_CHECKPOINT_RESTORE, so IPC_STAT is the evidence instead).
 * args: {ipckey}
 * control: root
 * expect: BLOCKED(ENOENT)
 * layer: IPC namespace
 */
#include "probe.h"

#include <sys/ipc.h>
#include <sys/msg.h>

int main(int argc, char **argv)
{
	const char *s = arg(argc, argv, 1, "0");
	key_t key = (key_t)strtoul(s, NULL, 0);
	struct msqid_ds ds;
	int id;

	probe_init();
	id = msgget(key, 0);
	if (id < 0)
		blocked(errno, "msgget(%#x)", (unsigned)key);
	if (msgctl(id, IPC_STAT, &ds) < 0)
		escaped("found the host's message queue %#x (id %d)",
			(unsigned)key, id);
	escaped("found the host's message queue %#x (id %d, owner pid %d, "
		"%lu message(s))",
		(unsigned)key, id, (int)ds.msg_lspid,
		(unsigned long)ds.msg_qnum);
}
