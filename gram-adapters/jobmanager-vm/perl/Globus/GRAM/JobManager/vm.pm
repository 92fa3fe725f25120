# Globus GRAM5 LRM adapter "vm": runs the job's executable (normally the VmMiddleware launcher,
# "vmgrid run workunit.xml ...") on the gatekeeper host, in the background, like the fork LRM.
#
# Each job runs under a small watcher process (Globus::GRAM::VmWatcher: its own session, so that cancel
# reaches the whole process group) that waits for the job and records its exit code twice: in the job
# directory, for poll, and as fork-SEG events in the fork starter's log (log_path of globus-fork.conf),
# so that a job manager started with "-seg-module fork" hands the exit code to the client. The GRAM
# script protocol has no field for an exit code: without the SEG a job that ran to its end is DONE
# whatever its code.
#
# A site can limit how many jobs run at once (max_running in globus-vm.conf): the watcher of a job
# beyond the limit waits, PENDING, for a slot (Globus::GRAM::VmSlots), first come first served.
#
# A VmMiddleware work unit (the job's environment names VMMIDDLEWARE_WORKUNIT, as the RSL that vmgrid
# translates does) is PENDING until its guest runs: the adapter hands the launcher a file to write then
# (VMMIDDLEWARE_RUNNING_FILE, vm-running in the job directory); the watcher turns it into the SEG event
# ACTIVE and poll reads it. Staging the QEMU bundle, the image and booting take seconds under TCG. Any
# other job is ACTIVE as soon as it started, like under the fork LRM.
#
# cancel sends SIGTERM to the job's process group (the launcher checkpoints the VM on it) and SIGKILL
# after a grace period (RSL vm_cancel_grace, else cancel_grace in globus-vm.conf, else 60 seconds).

use Globus::GRAM::Error;
use Globus::GRAM::JobState;
use Globus::GRAM::JobManager;
use Globus::GRAM::VmSlots;
use Globus::GRAM::VmWatcher;
use Globus::Core::Config;
use Config;
use POSIX ();
use Sys::Hostname ();

package Globus::GRAM::JobManager::vm;

use strict;
use warnings;

our @ISA = qw(Globus::GRAM::JobManager);

my %signal_number;
# Set in BEGIN, which runs before any initialiser at file scope would.
my ($fork_log, $default_grace, $max_running, $slot_directory);
my $submitted = 0;

BEGIN
{
    my $i = 0;
    $signal_number{$_} = $i++ foreach split(' ', $Config::Config{sig_name});

    ($fork_log, $default_grace, $max_running, $slot_directory) = ('/dev/null', 60, 0, '/var/lib/globus/vm-slots');
    my $fork_config = new Globus::Core::Config('${sysconfdir}/globus/globus-fork.conf');
    $fork_log = $fork_config->get_attribute('log_path') || '/dev/null' if $fork_config;
    # A Globus tree of its own (GLOBUS_LOCATION: a prefix install, a personal gatekeeper) may hold its own.
    my $own = defined($ENV{GLOBUS_LOCATION}) ? "$ENV{GLOBUS_LOCATION}/etc/globus/globus-vm.conf" : undef;
    my $vm_config = new Globus::Core::Config(defined($own) && -f $own ? $own : '${sysconfdir}/globus/globus-vm.conf');
    if ($vm_config) {
        my $grace = $vm_config->get_attribute('cancel_grace');
        $default_grace = $grace if defined($grace) && $grace =~ /^\d+$/;
        my $max = $vm_config->get_attribute('max_running');
        $max_running = $max if defined($max) && $max =~ /^\d+$/;
        my $slots = $vm_config->get_attribute('slot_directory');
        $slot_directory = $slots if defined($slots) && $slots =~ m|^/|;
    }
}

sub submit
{
    my $self = shift;
    my $description = $self->{JobDescription};

    my $directory = $description->directory();
    return Globus::GRAM::Error::RSL_DIRECTORY() if !defined($directory) || $directory eq '';
    $directory = "$ENV{HOME}/$directory" if $directory !~ m|^/|;
    return Globus::GRAM::Error::BAD_DIRECTORY() if !-d $directory;

    my $executable = $description->executable();
    return Globus::GRAM::Error::RSL_EXECUTABLE() if !defined($executable) || $executable eq '';
    $executable = "$directory/$executable" if $executable !~ m:^(/|\.):;
    return Globus::GRAM::Error::EXECUTABLE_NOT_FOUND() if !-e $executable;
    return Globus::GRAM::Error::EXECUTABLE_PERMISSIONS() if !-f $executable || !-x $executable;

    my @arguments = $description->arguments();
    foreach (@arguments) {
        return Globus::GRAM::Error::RSL_ARGUMENTS() if ref($_);
    }

    my %environment;
    foreach my $pair ($description->environment()) {
        return Globus::GRAM::Error::RSL_ENVIRONMENT() if !ref($pair) || scalar(@$pair) != 2;
        $environment{$pair->[0]} = $pair->[1];
    }
    # A work unit's launcher says when the guest runs; until then the job is PENDING.
    my $running_file;
    if (exists($environment{VMMIDDLEWARE_WORKUNIT})) {
        $running_file = $self->job_dir() . "/vm-running";
        unlink($running_file);
        $environment{VMMIDDLEWARE_RUNNING_FILE} = $running_file;
    }

    my $count = $description->count();
    return Globus::GRAM::Error::INVALID_COUNT() if defined($count) && (ref($count) || $count ne '1');
    my $jobtype = $description->jobtype();
    return Globus::GRAM::Error::JOBTYPE_NOT_SUPPORTED()
        if defined($jobtype) && $jobtype ne 'single' && $jobtype ne 'multiple';

    my $stdin = $description->stdin();
    $stdin = '/dev/null' if !defined($stdin) || $stdin eq '';
    return Globus::GRAM::Error::STDIN_NOT_FOUND() if !-r $stdin;
    my $stdout = $description->stdout();
    my $stderr = $description->stderr();
    $stdout = '/dev/null' if !defined($stdout) || $stdout eq '';
    $stderr = '/dev/null' if !defined($stderr) || $stderr eq '';

    my $grace = $description->vm_cancel_grace();
    $grace = $default_grace if !defined($grace) || $grace eq '';
    if (ref($grace) || $grace !~ /^\d+$/ || $grace > 3600) {
        $self->respond({GT3_FAILURE_MESSAGE => "vm_cancel_grace must be a whole number of seconds from 0 to 3600"});
        return Globus::GRAM::Error::RSL_EVALUATION_FAILED();
    }

    $submitted++;
    my $tag = join('-', 'vm', (split(/\./, Sys::Hostname::hostname()))[0], time(), $$, $submitted);
    my %job = (
        tag => $tag, directory => $directory, environment => \%environment, command => [$executable, @arguments],
        stdin => $stdin, stdout => $stdout, stderr => $stderr, running_file => $running_file,
        exit_file => $self->job_dir() . "/vm-exit", started_file => $self->job_dir() . "/vm-started");
    unlink($job{started_file});

    local (*READER, *WRITER);
    pipe(READER, WRITER) or return $self->fail_with("pipe: $!");
    my $middle = fork();
    return $self->fail_with("fork: $!") if !defined($middle);
    if ($middle == 0) {
        close(READER);
        # The watcher is a grandchild of this long-lived script, so it is never left a zombie here.
        my $watcher = fork();
        POSIX::_exit(defined($watcher) ? 0 : 1) if !defined($watcher) || $watcher != 0;
        Globus::GRAM::VmWatcher::run(\%job, *WRITER,
            { fork_log => $fork_log, max_running => $max_running, slot_directory => $slot_directory });
    }

    close(WRITER);
    my $reply = <READER>;
    close(READER);
    waitpid($middle, 0);
    $reply = 'FAIL:the job watcher did not start' if !defined($reply);
    chomp($reply);
    my ($status, $value) = split(/:/, $reply, 2);
    return $self->fail_with($value) if $status ne 'OK';

    my $job_id = "$tag:$value";
    $description->add('jobid', $job_id);
    $self->write_grace($value, $grace);
    my $why = !-e $job{started_file} ? sprintf('waits for one of %d slots (%d in use)', $max_running,
            Globus::GRAM::VmSlots::held($slot_directory, $max_running))
        : defined($running_file) && !-e $running_file ? 'started; its guest is not running yet'
        : undef;
    $self->log("job $job_id: " . (defined($why) ? "PENDING, $why" : 'ACTIVE'));
    return { JOB_STATE => defined($why) ? Globus::GRAM::JobState::PENDING : Globus::GRAM::JobState::ACTIVE, JOB_ID => $job_id };
}

sub poll
{
    my $self = shift;
    my $job_id = $self->{JobDescription}->jobid();
    return { JOB_STATE => Globus::GRAM::JobState::FAILED } if !defined($job_id);
    my $pid = watcher_pid($job_id);

    my $exit_file = $self->job_dir() . "/vm-exit";
    if (open(my $fh, '<', $exit_file)) {
        my $line = <$fh>;
        close($fh);
        if (defined($line) && $line =~ /^(exit|signal) (\d+)$/) {
            $self->log("job $job_id ended: $1 $2");
            return { JOB_STATE => $1 eq 'exit' ? Globus::GRAM::JobState::DONE : Globus::GRAM::JobState::FAILED };
        }
    }

    if (defined($pid) && kill(0, $pid)) {
        my $pending = !-e $self->job_dir() . "/vm-started"
            || waits_for_guest($self->{JobDescription}) && !-e $self->job_dir() . "/vm-running";
        return { JOB_STATE => $pending ? Globus::GRAM::JobState::PENDING : Globus::GRAM::JobState::ACTIVE };
    }
    $self->log("job $job_id is gone without an exit record");
    return { JOB_STATE => Globus::GRAM::JobState::FAILED };
}

sub cancel
{
    my $self = shift;
    my $job_id = $self->{JobDescription}->jobid();
    return { JOB_STATE => Globus::GRAM::JobState::FAILED } if !defined($job_id);
    my $pid = watcher_pid($job_id);
    return { JOB_STATE => Globus::GRAM::JobState::FAILED } if !defined($pid);

    my $grace = $self->read_grace($pid);
    $self->log("cancel job $job_id: SIGTERM now, SIGKILL after $grace s");
    # The watcher leads its own process group: signal the group, which holds the job and its children.
    kill(-$signal_number{TERM}, $pid);
    if ($grace > 0 && kill(0, $pid)) {
        # Do not hold the job manager for the grace period: a detached process finishes the job.
        my $middle = fork();
        if (defined($middle) && $middle == 0) {
            my $killer = fork();
            POSIX::_exit(0) if !defined($killer) || $killer != 0;
            POSIX::setsid();
            open(STDIN, '<', '/dev/null');
            open(STDOUT, '>', '/dev/null');
            open(STDERR, '>', '/dev/null');
            for (my $waited = 0; $waited < $grace && kill(0, $pid); $waited++) {
                sleep(1);
            }
            kill(-$signal_number{KILL}, $pid) if kill(0, $pid);
            POSIX::_exit(0);
        }
        waitpid($middle, 0) if defined($middle);
    } else {
        kill(-$signal_number{KILL}, $pid);
    }

    return { JOB_STATE => Globus::GRAM::JobState::FAILED };
}

# Whether the job is a VmMiddleware work unit, whose launcher reports when its guest runs.
sub waits_for_guest
{
    my $description = shift;
    foreach my $pair ($description->environment()) {
        return 1 if ref($pair) && scalar(@$pair) == 2 && $pair->[0] eq 'VMMIDDLEWARE_WORKUNIT';
    }
    return 0;
}

sub watcher_pid
{
    my $job_id = shift;
    return $job_id =~ /:(\d+)$/ ? $1 : undef;
}

sub write_grace
{
    my ($self, $pid, $grace) = @_;
    if (open(my $fh, '>', $self->job_dir() . "/vm-grace")) {
        print $fh "$grace\n";
        close($fh);
    }
}

sub read_grace
{
    my ($self, $pid) = @_;
    my $grace = $self->{JobDescription}->vm_cancel_grace();
    return $grace if defined($grace) && $grace =~ /^\d+$/;
    if (open(my $fh, '<', $self->job_dir() . "/vm-grace")) {
        my $line = <$fh>;
        close($fh);
        return $1 if defined($line) && $line =~ /^(\d+)$/;
    }
    return $default_grace;
}

sub fail_with
{
    my ($self, $message) = @_;
    $self->respond({GT3_FAILURE_MESSAGE => "vm: $message"});
    return Globus::GRAM::Error::JOB_EXECUTION_FAILED();
}

1;
