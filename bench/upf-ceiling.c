// Kernel-only ceiling of the UPF's packet path (issue 8 "Speed"): the same N3 UDP socket and N6 TUN round trip as
// GlassCore's UPF workers (recvmmsg -> TUN writes; TUN reads -> sendmmsg), with the same batching (-u: the TUN reads
// and writes of a round as one io_uring_enter, with RWF_NOWAIT reads; -s: downlink runs as UDP GSO datagrams) and
// none of the UPF logic (no PFCP, no PDR/FAR/QER/URR, no lookups): the GTP-U header is skipped by its flags and length, and the
// downlink header is one fixed G-PDU header with a DL PDU Session Container (TS 29.281 §5.1, TS 38.415 §5.5.2.1).
// bench/upf.sh builds it with gcc and drives it with upfrig; the UPF's figures are read against it.
//
//   upf-ceiling -n N3ADDR -t TUN -a TUNADDR/PREFIX -g GNBADDR -d DLTEID [-q QFI] [-w WORKERS] [-b BATCH] [-u] [-s]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif

#define HEADROOM 64
#define SLOT (2048 + HEADROOM)
#define MAXQ 8

static struct sockaddr_in n3, gnb;
static uint32_t dl_teid = 2;
static int qfi = 1, batch = 64, use_ring, use_gso;
static volatile sig_atomic_t stop;

struct worker {
    int udp, tun;
    pthread_t thread;
};

/* A minimal io_uring: one submission of reads or writes, waited for whole (writes to a TUN never wait; reads carry
 * RWF_NOWAIT and complete with -EAGAIN on an empty queue). */
struct ring {
    int fd;
    unsigned *sq_tail, sq_mask, *cq_head, *cq_tail, cq_mask;
    struct io_uring_sqe *sqes;
    struct io_uring_cqe *cqes;
    unsigned pending;
};

static int ring_init(struct ring *r, unsigned entries)
{
    struct io_uring_params p = {0};
    r->fd = (int)syscall(__NR_io_uring_setup, entries, &p);
    if (r->fd < 0) return -1;
    size_t sqs = p.sq_off.array + p.sq_entries * 4, cqs = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    if (cqs > sqs) sqs = cqs;
    char *m = mmap(0, sqs, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
    r->sqes = mmap(0, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQES);
    if (m == MAP_FAILED || r->sqes == MAP_FAILED || !(p.features & IORING_FEAT_SINGLE_MMAP)) return -1;
    unsigned *array = (unsigned *)(m + p.sq_off.array);
    for (unsigned i = 0; i < p.sq_entries; i++) array[i] = i;
    r->sq_tail = (unsigned *)(m + p.sq_off.tail);
    r->sq_mask = *(unsigned *)(m + p.sq_off.ring_mask);
    r->cq_head = (unsigned *)(m + p.cq_off.head);
    r->cq_tail = (unsigned *)(m + p.cq_off.tail);
    r->cq_mask = *(unsigned *)(m + p.cq_off.ring_mask);
    r->cqes = (struct io_uring_cqe *)(m + p.cq_off.cqes);
    r->pending = 0;
    return 0;
}

static void ring_prep(struct ring *r, int op, int fd, void *buf, unsigned len, unsigned long long data)
{
    struct io_uring_sqe *e = &r->sqes[(*r->sq_tail + r->pending) & r->sq_mask];
    memset(e, 0, sizeof *e);
    e->opcode = op;
    e->fd = fd;
    e->off = (unsigned long long)-1;
    e->addr = (unsigned long)buf;
    e->len = len;
    e->rw_flags = op == IORING_OP_READ ? RWF_NOWAIT : 0;
    e->user_data = data;
    r->pending++;
}

static void ring_submit(struct ring *r)
{
    unsigned n = r->pending;
    if (!n) return;
    __atomic_store_n(r->sq_tail, *r->sq_tail + n, __ATOMIC_RELEASE);
    r->pending = 0;
    while (syscall(__NR_io_uring_enter, r->fd, n, n, IORING_ENTER_GETEVENTS, NULL, 0) < 0 && errno == EINTR) {
    }
}

static int ring_reap(struct ring *r, struct io_uring_cqe *out)
{
    unsigned h = *r->cq_head;
    if (h == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE)) return 0;
    *out = r->cqes[h & r->cq_mask];
    __atomic_store_n(r->cq_head, h + 1, __ATOMIC_RELEASE);
    return 1;
}

static void die(const char *what)
{
    perror(what);
    exit(2);
}

static int open_tun(const char *name, int multi)
{
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) die("open /dev/net/tun");
    struct ifreq ifr = {0};
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI | (multi ? IFF_MULTI_QUEUE : 0);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) die("TUNSETIFF");
    return fd;
}

static void configure_tun(const char *name, const char *cidr)
{
    char addr[64];
    snprintf(addr, sizeof addr, "%s", cidr);
    char *slash = strchr(addr, '/');
    int prefix = slash ? atoi(slash + 1) : 32;
    if (slash) *slash = 0;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq ifr = {0};
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
    sin->sin_family = AF_INET;
    inet_pton(AF_INET, addr, &sin->sin_addr);
    if (ioctl(s, SIOCSIFADDR, &ifr) < 0) die("SIOCSIFADDR");
    sin->sin_addr.s_addr = htonl(prefix ? ~0u << (32 - prefix) : 0);
    if (ioctl(s, SIOCSIFNETMASK, &ifr) < 0) die("SIOCSIFNETMASK");
    ifr.ifr_qlen = 4096;
    if (ioctl(s, SIOCSIFTXQLEN, &ifr) < 0) die("SIOCSIFTXQLEN");
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) die("SIOCGIFFLAGS");
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) die("SIOCSIFFLAGS");
    close(s);
}

static int open_udp(int reuse)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    int one = 1, buf = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reuse) setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof buf) < 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    if (bind(fd, (struct sockaddr *)&n3, sizeof n3) < 0) die("bind N3");
    return fd;
}

/* Offset of the T-PDU in a G-PDU (8, or 12 plus the extension headers), or -1 for anything else. */
static int gtpu_payload(const uint8_t *d, int len, int *end)
{
    if (len < 8 || (d[0] >> 5) != 1 || d[1] != 0xFF) return -1;
    int total = 8 + (d[2] << 8 | d[3]);
    if (total > len) return -1;
    int h = 8;
    if (d[0] & 7) {
        h = 12;
        uint8_t next = (d[0] & 4) ? d[11] : 0;
        while (next) {
            if (h >= total || d[h] == 0 || h + d[h] * 4 > total) return -1;
            h += d[h] * 4;
            next = d[h - 1];
        }
    }
    *end = total;
    return h < total ? h : -1;
}

static void *run(void *arg)
{
    struct worker *w = arg;
    uint8_t *rx = aligned_alloc(64, (size_t)batch * SLOT), *tx = aligned_alloc(64, (size_t)batch * SLOT);
    struct mmsghdr *rm = calloc(batch, sizeof *rm), *tm = calloc(batch, sizeof *tm);
    struct iovec *riov = calloc(batch, sizeof *riov), *tiov = calloc(batch, sizeof *tiov);
    char (*ctl)[CMSG_SPACE(sizeof(uint16_t))] = calloc(batch, sizeof *ctl);
    int *count = calloc(batch, sizeof *count), *len = calloc(batch, sizeof *len);
    struct ring ring;
    int ringed = use_ring && ring_init(&ring, batch) == 0, last_reads = 0;
    for (int i = 0; i < batch; i++) {
        riov[i].iov_base = rx + (size_t)i * SLOT;
        riov[i].iov_len = SLOT;
        rm[i].msg_hdr.msg_iov = &riov[i];
        rm[i].msg_hdr.msg_iovlen = 1;
    }
    struct pollfd pf[2] = {{.fd = w->udp, .events = POLLIN}, {.fd = w->tun, .events = POLLIN}};
    int hl = qfi ? 16 : 8;
    while (!stop) {
        int work = 0;
        int n = recvmmsg(w->udp, rm, batch, MSG_DONTWAIT, NULL);
        for (int i = 0; i < n; i++) {
            uint8_t *d = rx + (size_t)i * SLOT;
            int end, off = gtpu_payload(d, rm[i].msg_len, &end);
            if (off <= 0) continue;
            if (ringed) ring_prep(&ring, IORING_OP_WRITE, w->tun, d + off, end - off, 0);
            else (void)!write(w->tun, d + off, end - off);
        }
        if (ringed && n > 0) {
            ring_submit(&ring);
            struct io_uring_cqe c;
            while (ring_reap(&ring, &c)) {
            }
        }
        work += n > 0 ? n : 0;
        int k = 0;
        if (ringed) {
            int want = last_reads * 2 < 4 ? 4 : last_reads * 2 > batch ? batch : last_reads * 2;
            for (int i = 0; i < want; i++) ring_prep(&ring, IORING_OP_READ, w->tun, tx + (size_t)i * SLOT + HEADROOM, SLOT - HEADROOM, i);
            ring_submit(&ring);
            struct io_uring_cqe c;
            while (ring_reap(&ring, &c))
                if (c.res > 0) {
                    len[k] = c.res;
                    tiov[k++].iov_base = tx + (size_t)c.user_data * SLOT + HEADROOM;
                }
            last_reads = k;
        } else {
            for (int i = 0; i < batch; i++) {
                ssize_t r = read(w->tun, tx + (size_t)i * SLOT + HEADROOM, SLOT - HEADROOM);
                if (r <= 0) break;
                len[k] = (int)r;
                tiov[k++].iov_base = tx + (size_t)i * SLOT + HEADROOM;
            }
        }
        for (int i = 0; i < k; i++) {
            uint8_t *h = (uint8_t *)tiov[i].iov_base - hl;
            int r = len[i];
            h[0] = qfi ? 0x34 : 0x30;
            h[1] = 0xFF;
            uint16_t l = htons((uint16_t)(r + hl - 8));
            memcpy(h + 2, &l, 2);
            uint32_t t = htonl(dl_teid);
            memcpy(h + 4, &t, 4);
            if (qfi) {
                memset(h + 8, 0, 3);
                h[11] = 0x85;
                h[12] = 1;
                h[13] = 0;
                h[14] = (uint8_t)qfi;
                h[15] = 0;
            }
            tiov[i].iov_base = h;
            tiov[i].iov_len = r + hl;
        }
        /* One message per packet, or with -s one per run of equal sizes (the last may be shorter), as the UPF groups. */
        int m = 0;
        for (int i = 0; i < k; m++) {
            int seg = (int)tiov[i].iov_len, j = i + 1, total = seg;
            if (use_gso)
                while (j < k && j - i < 64 && (int)tiov[j].iov_len <= seg && total + (int)tiov[j].iov_len <= 65507) {
                    total += (int)tiov[j].iov_len;
                    if ((int)tiov[j++].iov_len < seg) break;
                }
            struct msghdr *mh = &tm[m].msg_hdr;
            mh->msg_name = &gnb;
            mh->msg_namelen = sizeof gnb;
            mh->msg_iov = &tiov[i];
            mh->msg_iovlen = j - i;
            mh->msg_control = NULL;
            mh->msg_controllen = 0;
            if (j - i > 1) {
                mh->msg_control = ctl[m];
                mh->msg_controllen = sizeof ctl[m];
                struct cmsghdr *cm = CMSG_FIRSTHDR(mh);
                cm->cmsg_level = SOL_UDP;
                cm->cmsg_type = UDP_SEGMENT;
                cm->cmsg_len = CMSG_LEN(sizeof(uint16_t));
                uint16_t g = (uint16_t)seg;
                memcpy(CMSG_DATA(cm), &g, sizeof g);
            }
            count[m] = j - i;
            i = j;
        }
        for (int sent = 0; sent < m;) {
            int s = sendmmsg(w->udp, tm + sent, m - sent, 0);
            if (s <= 0) break;
            sent += s;
        }
        work += k;
        if (!work) poll(pf, 2, 100);
    }
    return NULL;
}

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    const char *tun = "gcceil0", *cidr = "10.45.0.1/16", *n3a = "127.0.0.7", *gnba = "127.0.0.1";
    int workers = 1, c;
    while ((c = getopt(argc, argv, "n:t:a:g:d:q:w:b:us")) != -1) {
        switch (c) {
        case 'n': n3a = optarg; break;
        case 't': tun = optarg; break;
        case 'a': cidr = optarg; break;
        case 'g': gnba = optarg; break;
        case 'd': dl_teid = (uint32_t)strtoul(optarg, NULL, 0); break;
        case 'q': qfi = atoi(optarg); break;
        case 'w': workers = atoi(optarg); break;
        case 'b': batch = atoi(optarg); break;
        case 'u': use_ring = 1; break;
        case 's': use_gso = 1; break;
        default: fprintf(stderr, "usage: %s -n N3 -t TUN -a ADDR/PREFIX -g GNB -d DLTEID [-q QFI] [-w N] [-b BATCH] [-u] [-s]\n", argv[0]); return 2;
        }
    }
    if (workers < 1 || workers > MAXQ || batch < 1 || batch > 1024) return 2;
    n3 = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(2152)};
    gnb = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(2152)};
    if (inet_pton(AF_INET, n3a, &n3.sin_addr) != 1 || inet_pton(AF_INET, gnba, &gnb.sin_addr) != 1) return 2;
    struct worker w[MAXQ];
    for (int i = 0; i < workers; i++) {
        w[i].tun = open_tun(tun, workers > 1);
        w[i].udp = open_udp(workers > 1);
    }
    if (workers > 1) {
        /* The UPF's steering: TEID mod workers (octets 5-8 of the UDP payload). */
        struct sock_filter code[] = {{0x20, 0, 0, 4}, {0x94, 0, 0, (uint32_t)workers}, {0x16, 0, 0, 0}};
        struct sock_fprog prog = {3, code};
        if (setsockopt(w[0].udp, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog, sizeof prog) < 0) die("SO_ATTACH_REUSEPORT_CBPF");
    }
    configure_tun(tun, cidr);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    for (int i = 0; i < workers; i++) pthread_create(&w[i].thread, NULL, run, &w[i]);
    printf("ready: %d worker(s), N3 %s:2152, TUN %s %s, DL to %s:2152 TEID 0x%x QFI %d, io_uring %d, GSO %d\n", workers, n3a, tun, cidr, gnba, dl_teid, qfi, use_ring, use_gso);
    fflush(stdout);
    for (int i = 0; i < workers; i++) pthread_join(w[i].thread, NULL);
    return 0;
}
